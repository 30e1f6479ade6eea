package io.tierdesk.router.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.router.domain.RoutingDecider.Supervisors;
import io.tierdesk.rules.WorkRule;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given a routed ticket (and its line's agents), when a fact or command, then the new state and the events. */
class RoutingDeciderTest {
    static final UUID TICKET = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant NOW = T0.plusSeconds(600);
    static final BreachPolicy BOTH = new BreachPolicy(true, true, Optional.empty());

    static RoutedTicket queued(Tier tier, String skill) {
        return new RoutedTicket(TICKET, SupportPlan.WARRANTY, skill, skill, Impact.MEDIUM, Urgency.MEDIUM, Priority.P3,
                tier, null, null, RoutingState.QUEUED, null, T0, T0);
    }

    static RoutedTicket assigned(Tier tier, String owner, String assignee) {
        return new RoutedTicket(TICKET, SupportPlan.WARRANTY, "printers", "printers", Impact.MEDIUM, Urgency.MEDIUM,
                Priority.P3, tier, owner, assignee, RoutingState.ASSIGNED, null, T0, T0);
    }

    static AgentLoad agent(String id, Tier tier, int active, int capacity, String... skills) {
        return new AgentLoad(id, tier, Set.of(skills), Presence.ONLINE, active, capacity, T0);
    }

    @Nested
    class Triage {
        @Test
        void aNewTicketIsTriagedByTheFirstMatchingRuleAndLooksForAnAgentOnItsStartingLine() {
            RoutingRules rules = new RoutingRules(1, List.of(new RoutingRules.Rule("servers-premium", "servers",
                    SupportPlan.PREMIUM, "linux", Tier.L2, Impact.HIGH)));
            TicketOpened opened = opened("Servers", SupportPlan.PREMIUM, Urgency.HIGH);

            Decision d = RoutingDecider.open(opened, rules, NOW);

            assertThat(d.events()).containsExactly(new TicketTriaged(TICKET, "high", "high", Priority.P2, "servers",
                    "linux", Tier.L2, RoutingDecider.POLICY, NOW));
            assertThat(d.ticket().state()).isEqualTo(RoutingState.QUEUED);
            assertThat(d.ticket().tier()).isEqualTo(Tier.L2);
            assertThat(d.ticket().queuedAt()).isEqualTo(NOW);
            assertThat(d.seekAgent()).isTrue();
        }

        @Test
        void withoutAMatchingRuleItStartsAtL1WithItsCategoryAsSkillMediumImpactAndMediumUrgency() {
            Decision d = RoutingDecider.open(opened("Printers", SupportPlan.WARRANTY, null), RoutingRules.NONE, NOW);
            assertThat(d.events()).containsExactly(new TicketTriaged(TICKET, "medium", "medium", Priority.P3,
                    "printers", "printers", Tier.L1, RoutingDecider.POLICY, NOW));
        }

        @Test
        void aRetriageChangesPriorityAndSkillButNotTheLine() {
            Decision d = RoutingDecider.retriage(assigned(Tier.L2, "anna", "boris"), Impact.CRITICAL, null, "network",
                    "anna", false, NOW);
            assertThat(d.events()).containsExactly(new TicketTriaged(TICKET, "critical", "medium", Priority.P2,
                    "network", "network", Tier.L2, "anna", NOW));
            assertThat(d.ticket().tier()).isEqualTo(Tier.L2);
            assertThat(d.ticket().assignee()).isEqualTo("boris");
        }
    }

    @Nested
    class Assignment {
        @Test
        void theLeastLoadedEligibleAgentGetsItAndTheFirstL1AgentBecomesTheOwner() {
            Decision d = RoutingDecider.assign(queued(Tier.L1, "printers"), List.of(
                    agent("busy", Tier.L1, 3, 5, "printers"),
                    agent("free", Tier.L1, 1, 5, "printers"),
                    agent("unskilled", Tier.L1, 0, 5, "network"),
                    agent("other-line", Tier.L2, 0, 5, "printers")), NOW);

            assertThat(d.events()).containsExactly(new TicketAssigned(TICKET, "free", Tier.L1, RoutingDecider.POLICY,
                    NOW));
            assertThat(d.ticket().state()).isEqualTo(RoutingState.ASSIGNED);
            assertThat(d.ticket().assignee()).isEqualTo("free");
            assertThat(d.ticket().owner()).isEqualTo("free");
        }

        @Test
        void anAssignmentAboveL1LeavesTheOwnerAsItWas() {
            RoutedTicket escalated = assigned(Tier.L1, "anna", "anna").queuedOn(Tier.L2, T0);
            Decision d = RoutingDecider.assign(escalated, List.of(agent("lena", Tier.L2, 0, 3, "printers")), NOW);
            assertThat(d.ticket().owner()).isEqualTo("anna");
            assertThat(d.ticket().assignee()).isEqualTo("lena");
        }

        @Test
        void aTicketBackOnItsOwnersLineGoesToTheOwnerWhenTheyCanTakeItAndOtherwiseToTheLeastLoaded() {
            RoutedTicket returned = assigned(Tier.L2, "anna", "lena").queuedOn(Tier.L1, T0);
            Decision back = RoutingDecider.assign(returned, List.of(
                    agent("free", Tier.L1, 0, 5, "printers"),
                    agent("anna", Tier.L1, 4, 5, "network")), NOW);
            assertThat(back.events()).containsExactly(new TicketAssigned(TICKET, "anna", Tier.L1,
                    RoutingDecider.POLICY, NOW));

            for (AgentLoad unable : List.of(agent("anna", Tier.L1, 5, 5, "printers"),
                    new AgentLoad("anna", Tier.L1, Set.of("printers"), Presence.AWAY, 0, 5, T0))) {
                Decision other = RoutingDecider.assign(returned, List.of(agent("free", Tier.L1, 0, 5, "printers"),
                        unable), NOW);
                assertThat(other.ticket().assignee()).as("owner %s", unable).isEqualTo("free");
                assertThat(other.ticket().owner()).isEqualTo("anna");
            }
        }

        @Test
        void nobodyEligibleLeavesItWaitingAndSaysSo() {
            Decision d = RoutingDecider.assign(queued(Tier.L1, "printers"), List.of(
                    agent("full", Tier.L1, 2, 2, "printers")), NOW);
            assertThat(d.events()).containsExactly(new TicketQueued(TICKET, Tier.L1, NOW));
            assertThat(d.ticket().state()).isEqualTo(RoutingState.QUEUED);
        }

        @Test
        void aTicketThatIsNoLongerQueuedIsNotAssignedAgain() {
            RoutedTicket ticket = assigned(Tier.L1, "anna", "anna");
            assertThat(RoutingDecider.assign(ticket, List.of(agent("boris", Tier.L1, 0, 5)), NOW))
                    .isEqualTo(Decision.unchanged(ticket));
        }

        @Test
        void aFreedAgentTakesTheFirstWaitingTicketInQueueOrderThatTheyHaveTheSkillFor() {
            RoutedTicket urgentNetwork = queued(Tier.L1, "network").triaged("network", "network", Impact.HIGH,
                    Urgency.HIGH, Priority.P2);
            RoutedTicket oldPrinters = new RoutedTicket(UUID.randomUUID(), SupportPlan.WARRANTY, "printers", "printers",
                    Impact.MEDIUM, Urgency.MEDIUM, Priority.P3, Tier.L1, null, null, RoutingState.QUEUED, null, T0, T0);
            RoutedTicket newPrinters = new RoutedTicket(UUID.randomUUID(), SupportPlan.WARRANTY, "printers",
                    "printers", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3, Tier.L1, null, null, RoutingState.QUEUED,
                    null, T0.plusSeconds(60), T0);

            assertThat(RoutingDecider.nextFor(agent("pia", Tier.L1, 0, 3, "printers"),
                    List.of(newPrinters, urgentNetwork, oldPrinters))).contains(oldPrinters);
            assertThat(RoutingDecider.nextFor(agent("nils", Tier.L1, 0, 3, "network", "printers"),
                    List.of(newPrinters, urgentNetwork, oldPrinters))).contains(urgentNetwork);
            assertThat(RoutingDecider.nextFor(agent("full", Tier.L1, 3, 3, "printers"), List.of(oldPrinters)))
                    .isEmpty();
        }
    }

    @Nested
    class ManualAssignment {
        @Test
        void aSupervisorAssignsAnAgentOfTheLineEvenOverCapacityAndThePreviousAssigneeIsFreed() {
            Decision d = RoutingDecider.assignManually(assigned(Tier.L1, "anna", "anna"), "boris",
                    Optional.of(Tier.L1), "boss", true, NOW);
            assertThat(d.events()).containsExactly(new TicketAssigned(TICKET, "boris", Tier.L1, "boss", NOW));
            assertThat(d.ticket().owner()).isEqualTo("anna");
            assertThat(d.freed()).contains(new Decision.Freed("anna", Tier.L1));
        }

        @Test
        void anAgentOfAnotherLineIsRefusedUntilTheTicketIsEscalated() {
            assertThatThrownBy(() -> RoutingDecider.assignManually(assigned(Tier.L1, "anna", "anna"), "lena",
                    Optional.of(Tier.L2), "boss", true, NOW))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("escalate first");
        }

        @Test
        void anUnknownAgentAndAClosedTicketAreRefused() {
            assertThatThrownBy(() -> RoutingDecider.assignManually(queued(Tier.L1, null), "ghost", Optional.empty(),
                    "boss", true, NOW))
                    .isInstanceOfSatisfying(Rejection.class, r -> {
                        assertThat(r.kind()).isEqualTo(Rejection.Kind.NOT_ALLOWED_NOW);
                        assertThat(r.field()).isEqualTo("agentId");
                    });
            assertThatThrownBy(() -> RoutingDecider.assignManually(assigned(Tier.L1, "anna", "anna")
                    .in(RoutingState.CLOSED), "boris", Optional.of(Tier.L1), "boss", true, NOW))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("closed");
        }

        @Test
        void assigningTheAssigneeAgainChangesNothing() {
            RoutedTicket ticket = assigned(Tier.L1, "anna", "anna");
            assertThat(RoutingDecider.assignManually(ticket, "anna", Optional.of(Tier.L1), "anna", false, NOW))
                    .isEqualTo(Decision.unchanged(ticket));
        }

        @Test
        void anAgentTakesAQueuedTicketOfTheirLineButNeverOneThatIsSomeonesElse() {
            Decision taken = RoutingDecider.assignManually(queued(Tier.L1, "printers"), "boris", Optional.of(Tier.L1),
                    "boris", false, NOW);
            assertThat(taken.events()).containsExactly(new TicketAssigned(TICKET, "boris", Tier.L1, "boris", NOW));
            for (RoutedTicket someones : List.of(assigned(Tier.L1, "anna", "anna"),
                    assigned(Tier.L1, "anna", "anna").in(RoutingState.INACTIVE))) {
                assertThatThrownBy(() -> RoutingDecider.assignManually(someones, "boris", Optional.of(Tier.L1),
                        "boris", false, NOW))
                        .isInstanceOfSatisfying(Rejection.class, r -> {
                            assertThat(r.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
                            assertThat(r.field()).isEqualTo("take-from-queue");
                        });
            }
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void aResolvedTicketIsNoLoadAndItsAssigneeTakesTheNext() {
            Decision d = RoutingDecider.deactivate(assigned(Tier.L2, "anna", "lena"), false);
            assertThat(d.ticket().state()).isEqualTo(RoutingState.INACTIVE);
            assertThat(d.ticket().assignee()).isEqualTo("lena");
            assertThat(d.freed()).contains(new Decision.Freed("lena", Tier.L2));
            assertThat(d.events()).isEmpty();
        }

        @Test
        void aClosedTicketStaysClosed() {
            RoutedTicket closed = assigned(Tier.L1, "anna", "anna").in(RoutingState.CLOSED);
            assertThat(RoutingDecider.deactivate(closed, false)).isEqualTo(Decision.unchanged(closed));
        }

        @Test
        void workedOnAgainItGoesBackToItsAssigneeWhenTheyHaveRoom() {
            RoutedTicket waiting = assigned(Tier.L1, "anna", "anna").in(RoutingState.INACTIVE);
            Decision d = RoutingDecider.activateAgain(waiting, List.of(agent("anna", Tier.L1, 1, 2)), NOW);
            assertThat(d.ticket().state()).isEqualTo(RoutingState.ASSIGNED);
            assertThat(d.ticket().assignee()).isEqualTo("anna");
            assertThat(d.seekAgent()).isFalse();
        }

        @Test
        void workedOnAgainWhileItsAssigneeIsFullOrAwayItQueuesForWhoeverFits() {
            RoutedTicket waiting = assigned(Tier.L1, "anna", "anna").in(RoutingState.INACTIVE);
            for (List<AgentLoad> agents : List.of(List.of(agent("anna", Tier.L1, 2, 2)), List.<AgentLoad>of())) {
                Decision d = RoutingDecider.activateAgain(waiting, agents, NOW);
                assertThat(d.ticket().state()).isEqualTo(RoutingState.QUEUED);
                assertThat(d.ticket().assignee()).isNull();
                assertThat(d.ticket().queuedAt()).isEqualTo(NOW);
                assertThat(d.seekAgent()).isTrue();
            }
        }

        @Test
        void anActiveTicketIsNotActivatedAgain() {
            RoutedTicket ticket = assigned(Tier.L1, "anna", "anna");
            assertThat(RoutingDecider.activateAgain(ticket, List.of(), NOW)).isEqualTo(Decision.unchanged(ticket));
        }
    }

    @Nested
    class Moves {
        @Test
        void anEscalationQueuesTheTicketOneLineUpFreesTheAssigneeAndKeepsTheOwner() {
            Decision d = RoutingDecider.escalate(assigned(Tier.L1, "anna", "anna"), Tier.L2, false, "needs L2",
                    "logs attached", "anna", NOW);
            assertThat(d.events()).containsExactly(new TicketEscalated(TICKET, Tier.L1, Tier.L2, "needs L2",
                    "logs attached", "anna", NOW));
            assertThat(d.ticket().tier()).isEqualTo(Tier.L2);
            assertThat(d.ticket().state()).isEqualTo(RoutingState.QUEUED);
            assertThat(d.ticket().assignee()).isNull();
            assertThat(d.ticket().owner()).isEqualTo("anna");
            assertThat(d.freed()).contains(new Decision.Freed("anna", Tier.L1));
            assertThat(d.seekAgent()).isTrue();
        }

        @Test
        void onlyASupervisorSkipsALineAndNobodyEscalatesDownwards() {
            RoutedTicket ticket = assigned(Tier.L1, "anna", "anna");
            assertThatThrownBy(() -> RoutingDecider.escalate(ticket, Tier.L3, false, "r", null, "anna", NOW))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("only a supervisor");
            assertThat(RoutingDecider.escalate(ticket, Tier.L3, true, "r", null, "boss", NOW).ticket().tier())
                    .isEqualTo(Tier.L3);
            assertThatThrownBy(() -> RoutingDecider.escalate(assigned(Tier.L2, "anna", "lena"), Tier.L1, true, "r",
                    null, "boss", NOW)).isInstanceOf(EscalationRejected.class).hasMessageContaining("goes up");
        }

        @Test
        void aReturnGoesBackToTheOwnersLineAsItsOwnEvent() {
            Decision d = RoutingDecider.giveBack(assigned(Tier.L3, "anna", "ivan"), "procedure written", "ivan", false,
                    NOW);
            assertThat(d.events()).containsExactly(new TicketReturned(TICKET, Tier.L3, Tier.L1, "procedure written",
                    "ivan", NOW));
            assertThat(d.ticket().tier()).isEqualTo(Tier.L1);
            assertThat(d.ticket().owner()).isEqualTo("anna");
            assertThat(d.freed()).contains(new Decision.Freed("ivan", Tier.L3));
        }

        @Test
        void onlyTheOwnerTheAssigneeOrASupervisorMovesOrRetriagesTheTicket() {
            RoutedTicket ticket = assigned(Tier.L2, "anna", "lena");
            List<ThrowingCallable> byOthers = List.of(
                    () -> RoutingDecider.escalate(ticket, Tier.L3, false, "r", null, "mallory", NOW),
                    () -> RoutingDecider.giveBack(ticket, null, "mallory", false, NOW),
                    () -> RoutingDecider.retriage(ticket, Impact.CRITICAL, null, null, "mallory", false, NOW));
            for (ThrowingCallable move : byOthers) {
                assertThatThrownBy(move).isInstanceOfSatisfying(Rejection.class, e -> {
                    assertThat(e.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
                    assertThat(e.field()).isEqualTo(WorkRule.NAME);
                });
            }
            assertThat(RoutingDecider.escalate(ticket, Tier.L3, false, "r", null, "lena", NOW).ticket().tier())
                    .isEqualTo(Tier.L3);
            assertThat(RoutingDecider.giveBack(ticket, null, "anna", false, NOW).ticket().tier()).isEqualTo(Tier.L1);
            assertThat(RoutingDecider.retriage(ticket, Impact.CRITICAL, null, null, "boss", true, NOW).events())
                    .hasSize(1);
        }

        @Test
        void nothingReturnsFromL1AndOnlyActiveTicketsMove() {
            assertThatThrownBy(() -> RoutingDecider.giveBack(assigned(Tier.L1, "anna", "anna"), null, "anna", false,
                    NOW))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("already at L1");
            assertThatThrownBy(() -> RoutingDecider.escalate(assigned(Tier.L1, "anna", "anna")
                    .in(RoutingState.INACTIVE), Tier.L2, false, "r", null, "anna", NOW))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("this one is inactive");
        }
    }

    @Nested
    class Breaches {
        @Test
        void aBreachAlertsTheAssigneesSupervisorFirstThenMovesTheTicketOneLineUp() {
            Decision d = RoutingDecider.breach(assigned(Tier.L1, "anna", "anna"), "resolution", BOTH,
                    new Supervisors("sam", "olga"), NOW);
            assertThat(d.events()).containsExactly(
                    new SupervisorAlerted(TICKET, Tier.L1, "sam", "anna", "anna", Priority.P3,
                            RoutingDecider.BREACH_REASON, "resolution clock breached", NOW),
                    new TicketEscalated(TICKET, Tier.L1, Tier.L2, RoutingDecider.BREACH_REASON,
                            "resolution clock breached", RoutingDecider.POLICY, NOW));
            assertThat(d.ticket().tier()).isEqualTo(Tier.L2);
            assertThat(d.freed()).contains(new Decision.Freed("anna", Tier.L1));
        }

        @Test
        void atTheVendorLineABreachOnlyAlerts() {
            Decision d = RoutingDecider.breach(assigned(Tier.L4, "anna", "vendor"), "resolution", BOTH,
                    Supervisors.NONE, NOW);
            assertThat(d.events()).singleElement().isInstanceOf(SupervisorAlerted.class);
            assertThat(d.ticket().tier()).isEqualTo(Tier.L4);
            assertThat(d.freed()).isEmpty();
        }

        @Test
        void aBreachOfATicketNotInWorkChangesNothing() {
            RoutedTicket resolved = assigned(Tier.L1, "anna", "anna").in(RoutingState.INACTIVE);
            Decision d = RoutingDecider.breach(resolved, "resolution", BOTH, Supervisors.NONE, NOW);
            assertThat(d.events()).isEmpty();
            assertThat(d.ticket()).isEqualTo(resolved);
        }

        @Test
        void withTheFunctionalPolicyOffOnlyTheAlertIsRaised() {
            Decision d = RoutingDecider.breach(queued(Tier.L2, "printers"), "first-response",
                    new BreachPolicy(false, true, Optional.of("duty")), Supervisors.NONE, NOW);
            assertThat(d.events()).singleElement().isInstanceOfSatisfying(SupervisorAlerted.class,
                    a -> assertThat(a.supervisorId()).isEqualTo("duty"));
            assertThat(d.seekAgent()).isFalse();
        }
    }

    static TicketOpened opened(String product, SupportPlan plan, Urgency urgency) {
        return new TicketOpened(TICKET, "TD-000001", Channel.EMAIL, new CustomerRef("c-1", "Ivan", "i@example.com",
                null, "ru"), plan, "Printer jams", "It jams", new Diagnostics(null, product, null, null, null), urgency,
                null, List.of(), null, T0);
    }
}
