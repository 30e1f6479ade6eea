package io.tierdesk.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CloseReason;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.ResolutionConfirmed;
import io.tierdesk.events.ticket.SatisfactionRated;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketDiagnosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.intake.domain.TicketCommand.AddInternalNote;
import io.tierdesk.intake.domain.TicketCommand.AskCustomer;
import io.tierdesk.intake.domain.TicketCommand.AutoClose;
import io.tierdesk.intake.domain.TicketCommand.CloseTicket;
import io.tierdesk.intake.domain.TicketCommand.ConfirmResolution;
import io.tierdesk.intake.domain.TicketCommand.OpenTicket;
import io.tierdesk.intake.domain.TicketCommand.RateSatisfaction;
import io.tierdesk.intake.domain.TicketCommand.ReceiveCustomerMessage;
import io.tierdesk.intake.domain.TicketCommand.RecordDiagnostics;
import io.tierdesk.intake.domain.TicketCommand.RejectResolution;
import io.tierdesk.intake.domain.TicketCommand.ReopenTicket;
import io.tierdesk.intake.domain.TicketCommand.ReplyToCustomer;
import io.tierdesk.intake.domain.TicketCommand.ResolveTicket;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.testsupport.GivenWhenThen;
import io.tierdesk.rules.WorkRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given events, when a command, then events — or a rejection naming the state. */
class TicketDeciderTest {
    static final UUID TICKET = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID MESSAGE = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final CustomerRef CUSTOMER = new CustomerRef("c-42", "Ivan Petrov", "ivan@example.com", null, "ru");
    static final Participants ALICE_OWNS_BOB_WORKS = new Participants("alice", "bob");
    final TicketDecider decider = new TicketDecider(TicketPolicy.DEFAULT);

    final GivenWhenThen<Ticket, TicketCommand, TicketEvent, Participants> tickets =
            GivenWhenThen.of(decider::replay, decider::decide, Participants.NONE);

    GivenWhenThen<Ticket, TicketCommand, TicketEvent, Participants>.Given given(TicketEvent... history) {
        return tickets.given(history);
    }

    /** Refused by a rule of the lines, named as the problem's field. */
    static Consumer<Rejection> forbiddenBy(String rule) {
        return e -> {
            assertThat(e.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
            assertThat(e.field()).isEqualTo(rule);
        };
    }

    /** Refused in the ticket's status, with the reason in words. */
    static Consumer<TicketRejected> rejectedIn(TicketStatus status, String messagePart) {
        return e -> {
            assertThat(e).hasMessageContaining(messagePart);
            assertThat(e.status()).isEqualTo(status);
        };
    }

    // ---- history ----

    static TicketOpened opened() {
        return new TicketOpened(TICKET, "TD-000001", Channel.EMAIL, CUSTOMER, SupportPlan.WARRANTY,
                "Router reboots", "Every evening", Diagnostics.NONE, Urgency.HIGH, null, List.of(), null, T0);
    }

    static AgentReplied replied(String agent, Instant at) {
        return new AgentReplied(TICKET, agent, "Please try firmware 2.5", at);
    }

    static TicketAwaitingCustomer asked(Instant at) {
        return new TicketAwaitingCustomer(TICKET, "alice", "Which firmware?", at);
    }

    static TicketResolved resolved(Instant at) {
        return new TicketResolved(TICKET, "alice", "Firmware 2.5 fixes it", null, at);
    }

    static TicketClosed closed(CloseReason reason, Instant at) {
        return new TicketClosed(TICKET, reason, reason == CloseReason.AGENT ? "alice" : "customer", at);
    }

    static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    // ---- opening ----

    @Test
    void aNewRequestOpensATicket() {
        given().when(new OpenTicket(TICKET, "TD-000001", Channel.EMAIL, CUSTOMER, SupportPlan.WARRANTY,
                "Router reboots", "Every evening", null, Urgency.HIGH, null, null, null, T0))
                .then(opened());
    }

    @Test
    void aTicketCannotBeOpenedTwice() {
        given(opened()).when(new OpenTicket(TICKET, "TD-000001", Channel.EMAIL, CUSTOMER, SupportPlan.WARRANTY,
                "x", "y", null, null, null, null, null, T0))
                        .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.NEW, "already exists"));
    }

    @Test
    void nothingButOpeningWorksOnATicketThatDoesNotExist() {
        given().when(new AddInternalNote("alice", "hello?", T0))
                .thenRefused(TicketRejected.class, rejectedIn(null, "no such ticket"));
    }

    @Test
    void anOpenedTicketIsNew() {
        assertThat(Ticket.replay(List.of(opened())).status()).isEqualTo(TicketStatus.NEW);
        assertThat(Ticket.replay(List.of(opened())).version()).isEqualTo(1);
    }

    // ---- customer messages ----

    @Nested
    class CustomerMessages {
        final ReceiveCustomerMessage message = new ReceiveCustomerMessage(MESSAGE, Channel.EMAIL, "Still broken", null,
                hours(2));
        final CustomerMessageReceived received = new CustomerMessageReceived(TICKET, MESSAGE, Channel.EMAIL,
                "Still broken", List.of(), hours(2));

        @Test
        void areAppendedToAnActiveTicket() {
            given(opened()).when(message).then(received);
        }

        @Test
        void answerAQuestionAndReturnTheTicketToOpen() {
            given(opened(), asked(hours(1))).when(message).then(received);
            assertThat(Ticket.replay(List.of(opened(), asked(hours(1)), received)).status())
                    .isEqualTo(TicketStatus.OPEN);
        }

        @Test
        void reopenAResolvedTicket() {
            given(opened(), resolved(hours(1))).when(message).then(
                    new TicketReopened(TICKET, "the customer wrote again after the resolution", "customer", hours(2)),
                    received);
        }

        @Test
        void reopenAClosedTicketWithinTheWindow() {
            ReceiveCustomerMessage sixDaysLater = new ReceiveCustomerMessage(MESSAGE, Channel.EMAIL, "Again", null,
                    hours(1 + 24 * 6));
            given(opened(), resolved(hours(1)), closed(CloseReason.CONFIRMED, hours(1))).when(sixDaysLater).then(
                    new TicketReopened(TICKET, "the customer wrote again within the reopen window", "customer",
                            hours(1 + 24 * 6)),
                    new CustomerMessageReceived(TICKET, MESSAGE, Channel.EMAIL, "Again", List.of(), hours(1 + 24 * 6)));
        }

        @Test
        void doNotReopenATicketClosedLongerThanTheWindow() {
            Instant eightDaysLater = hours(1 + 24 * 8);
            Ticket state = Ticket.replay(List.of(opened(), resolved(hours(1)), closed(CloseReason.CONFIRMED, hours(1))));
            assertThat(decider.isBeyondReopenWindow(state, eightDaysLater)).isTrue();
            given(opened(), resolved(hours(1)), closed(CloseReason.CONFIRMED, hours(1)))
                    .when(new ReceiveCustomerMessage(MESSAGE, Channel.EMAIL, "Again", null, eightDaysLater))
                    .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.CLOSED, "starts a new ticket"));
        }
    }

    // ---- agents ----

    @Test
    void theFirstReplyOpensANewTicket() {
        given(opened()).when(new ReplyToCustomer("alice", "Please try firmware 2.5", hours(1)))
                .then(replied("alice", hours(1)));
        assertThat(Ticket.replay(List.of(opened(), replied("alice", hours(1)))).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void theOwnerAndTheAssigneeMayReply() {
        given(opened()).with(ALICE_OWNS_BOB_WORKS).when(new ReplyToCustomer("alice", "Please try firmware 2.5",
                hours(1))).then(replied("alice", hours(1)));
        given(opened()).with(ALICE_OWNS_BOB_WORKS).when(new ReplyToCustomer("bob", "Please try firmware 2.5",
                hours(1))).then(replied("bob", hours(1)));
    }

    @Test
    void someoneElseMayNotReplyUnlessTheOrganisationAllowsIt() {
        given(opened()).with(ALICE_OWNS_BOB_WORKS).when(new ReplyToCustomer("mallory", "Hi", hours(1)))
                .thenRefused(Rejection.class, forbiddenBy(WorkRule.NAME));
        TicketDecider lenient = new TicketDecider(new TicketPolicy(Duration.ofDays(7), Duration.ofHours(72), true));
        assertThat(lenient.decide(Ticket.replay(List.of(opened())), new ReplyToCustomer("mallory", "Hi", hours(1)),
                ALICE_OWNS_BOB_WORKS)).containsExactly(new AgentReplied(TICKET, "mallory", "Hi", hours(1)));
    }

    @Test
    void onlyTheOwnerTheAssigneeOrASupervisorAsksDiagnosesResolvesAndCloses() {
        List<TicketCommand> work = List.of(new AskCustomer("mallory", "Which firmware?", hours(1)),
                new RecordDiagnostics("mallory", Diagnostics.NONE, "network", hours(1)),
                new ResolveTicket("mallory", "Firmware 2.5", null, hours(1)),
                new CloseTicket("mallory", hours(1)));
        for (TicketCommand command : work) {
            assertThat(TicketDecider.isWorkOnTicket(command)).as("%s", command).isTrue();
            given(opened()).with(ALICE_OWNS_BOB_WORKS).when(command)
                    .thenRefused(Rejection.class, forbiddenBy(WorkRule.NAME));
            assertThat(decider.decide(Ticket.replay(List.of(opened())), command,
                    ALICE_OWNS_BOB_WORKS.actedOnBySupervisor())).as("a supervisor: %s", command).hasSize(1);
            assertThat(decider.decide(Ticket.replay(List.of(opened())), command, Participants.NONE))
                    .as("nobody named yet: %s", command).hasSize(1);
        }
        given(opened()).with(ALICE_OWNS_BOB_WORKS).when(new ResolveTicket("bob", "Firmware 2.5", null, hours(1)))
                .then(new TicketResolved(TICKET, "bob", "Firmware 2.5", null, hours(1)));
    }

    @Test
    void notesAndReopeningAreOpenToEveryAgent() {
        assertThat(TicketDecider.isWorkOnTicket(new AddInternalNote("mallory", "seen this before", hours(1)))).isFalse();
        given(opened()).with(ALICE_OWNS_BOB_WORKS).when(new AddInternalNote("mallory", "seen it", hours(1)))
                .then(new InternalNoteAdded(TICKET, "mallory", "seen it", hours(1)));
        given(opened(), resolved(hours(1))).with(ALICE_OWNS_BOB_WORKS)
                .when(new ReopenTicket("mallory", "called back", hours(2)))
                .then(new TicketReopened(TICKET, "called back", "mallory", hours(2)));
    }

    @Test
    void theStateIsJudgedBeforeWhoAsks() {
        given(opened(), resolved(hours(1))).with(ALICE_OWNS_BOB_WORKS)
                .when(new ReplyToCustomer("mallory", "Hi", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.RESOLVED, "cannot reply"));
    }

    @Test
    void noRepliesOnAResolvedOrClosedTicket() {
        given(opened(), resolved(hours(1))).when(new ReplyToCustomer("alice", "x", hours(2)))
                .thenRefused(TicketRejected.class,
                        rejectedIn(TicketStatus.RESOLVED, "cannot reply to the customer: the ticket is resolved"));
        given(opened(), closed(CloseReason.AGENT, hours(1))).when(new ReplyToCustomer("alice", "x", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.CLOSED, "the ticket is closed"));
    }

    @Test
    void internalNotesAreAlwaysAllowedEvenOnAClosedTicket() {
        given(opened(), closed(CloseReason.AGENT, hours(1))).when(new AddInternalNote("carol", "vendor bug #77", hours(2)))
                .then(new InternalNoteAdded(TICKET, "carol", "vendor bug #77", hours(2)));
    }

    @Test
    void askingTheCustomerWaitsForThem() {
        given(opened()).when(new AskCustomer("alice", "Which firmware?", hours(1))).then(asked(hours(1)));
        assertThat(Ticket.replay(List.of(opened(), asked(hours(1)))).status()).isEqualTo(TicketStatus.AWAITING_CUSTOMER);
        given(opened(), resolved(hours(1))).when(new AskCustomer("alice", "?", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.RESOLVED, "cannot ask the customer"));
    }

    @Test
    void diagnosticsAndCategoryAreRecordedOnAnActiveTicket() {
        Diagnostics found = new Diagnostics("Moscow office", "Router X1", "rev. B", "reboots at 19:00",
                "firmware update on Monday");
        given(opened()).when(new RecordDiagnostics("alice", found, "network", hours(1)))
                .then(new TicketDiagnosed(TICKET, "alice", found, "network", hours(1)));
        given(opened(), closed(CloseReason.AGENT, hours(1))).when(new RecordDiagnostics("alice", found, "x", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.CLOSED, "cannot record diagnostics"));
    }

    @Test
    void resolvingNeedsAnActiveTicket() {
        given(opened(), asked(hours(1))).when(new ResolveTicket("alice", "Firmware 2.5 fixes it", null, hours(2)))
                .then(resolved(hours(2)));
        given(opened(), resolved(hours(1))).when(new ResolveTicket("alice", "again", null, hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.RESOLVED, "cannot resolve"));
    }

    @Test
    void anAgentClosesAnyTicketNotYetClosed() {
        given(opened()).when(new CloseTicket("alice", hours(1))).then(closed(CloseReason.AGENT, hours(1)));
        given(opened(), closed(CloseReason.AGENT, hours(1))).when(new CloseTicket("alice", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.CLOSED, "already closed"));
    }

    @Test
    void anAgentReopensOnlyResolvedOrClosedTickets() {
        given(opened(), resolved(hours(1))).when(new ReopenTicket("bob", "the fix did not hold", hours(2)))
                .then(new TicketReopened(TICKET, "the fix did not hold", "bob", hours(2)));
        given(opened()).when(new ReopenTicket("bob", "why", hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.NEW, "cannot reopen: the ticket is new"));
    }

    // ---- the customer's answer ----

    @Test
    void aConfirmationClosesTheTicket() {
        given(opened(), resolved(hours(1))).when(new ConfirmResolution(hours(3)))
                .then(new ResolutionConfirmed(TICKET, hours(3)), closed(CloseReason.CONFIRMED, hours(3)));
        given(opened()).when(new ConfirmResolution(hours(3)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.NEW, "cannot confirm the resolution"));
    }

    @Test
    void aRejectionReopensTheTicket() {
        given(opened(), resolved(hours(1))).when(new RejectResolution("still reboots", hours(3)))
                .then(new TicketReopened(TICKET, "the customer rejected the resolution: still reboots", "customer",
                        hours(3)));
        given(opened(), resolved(hours(1)), closed(CloseReason.CONFIRMED, hours(2)))
                .when(new RejectResolution(null, hours(3)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.CLOSED, "cannot reject the resolution"));
    }

    @Test
    void satisfactionIsRatedOnceOnAResolvedOrClosedTicket() {
        given(opened(), resolved(hours(1))).when(new RateSatisfaction(5, "fast", hours(2)))
                .then(new SatisfactionRated(TICKET, 5, "fast", hours(2)));
        given(opened(), resolved(hours(1)), new SatisfactionRated(TICKET, 5, null, hours(2)))
                .when(new RateSatisfaction(1, "changed my mind", hours(3)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.RESOLVED, "already rated"));
        given(opened()).when(new RateSatisfaction(4, null, hours(2)))
                .thenRefused(TicketRejected.class, rejectedIn(TicketStatus.NEW, "cannot rate"));
    }

    @Test
    void aRatingOutsideOneToFiveIsInvalid() {
        assertThatThrownBy(() -> decider.decide(Ticket.replay(List.of(opened(), resolved(hours(1)))),
                new RateSatisfaction(6, null, hours(2)), Participants.NONE))
                .isInstanceOf(io.tierdesk.events.InvalidEventException.class).hasMessageContaining("rating");
    }

    // ---- the auto-close timer ----

    @Test
    void aResolvedTicketClosesWhenThePeriodHasPassed() {
        given(opened(), resolved(hours(1))).when(new AutoClose(hours(73)))
                .then(new TicketClosed(TICKET, CloseReason.AUTO_CLOSED, "system", hours(73)));
    }

    @Test
    void theTimerDoesNothingEarlyOrWhenTheTicketMovedOn() {
        given(opened(), resolved(hours(1))).when(new AutoClose(hours(72))).thenNothing();
        given(opened(), resolved(hours(1)), new TicketReopened(TICKET, "r", "customer", hours(2)))
                .when(new AutoClose(hours(100))).thenNothing();
        given(opened(), resolved(hours(1)), closed(CloseReason.CONFIRMED, hours(2)))
                .when(new AutoClose(hours(100))).thenNothing();
    }
}
