package io.tierdesk.knowledge.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketDiagnosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.knowledge.application.ArticleFeedback;
import io.tierdesk.knowledge.application.KnowledgeCapture;
import io.tierdesk.knowledge.application.SelfService;
import io.tierdesk.knowledge.application.Suggestions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The ticket stream, for what customers say and how tickets were solved: an opening and each later message get
 * suggestions; a resolution links its article or becomes a candidate for one.
 */
@ApplicationScoped
public class TicketStreamConsumer {
    static final String CONSUMER = "knowledge-tickets";
    private final Inbox inbox;
    private final Suggestions suggestions;
    private final KnowledgeCapture capture;
    private final SelfService selfService;
    private final ArticleFeedback feedback;

    public TicketStreamConsumer(Inbox inbox, Suggestions suggestions, KnowledgeCapture capture,
            SelfService selfService, ArticleFeedback feedback) {
        this.inbox = inbox;
        this.suggestions = suggestions;
        this.capture = capture;
        this.selfService = selfService;
        this.feedback = feedback;
    }

    @Incoming("tickets")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumeBatch(CONSUMER, batch, TicketEvent.class, (session, delivered) ->
                (switch (delivered.event()) {
                    case TicketOpened e -> suggestions.opened(session, e.ticketId(), e.subject(), text(e))
                            .chain(() -> selfService.ticketOpened(session, e.ticketId(), e.customer().externalId(),
                                    e.subject() + "\n" + e.body(), e.openedAt()));
                    case CustomerMessageReceived e -> suggestions.customerWrote(session, e.ticketId(), e.body());
                    case TicketResolved e -> capture.resolved(session, e.ticketId(),
                            e.articleId(), e.solutionSummary(), e.agentId(), e.resolvedAt());
                    default -> Uni.createFrom().voidItem();
                }).chain(() -> feedback.worked(session, delivered.event().ticketId(), worker(delivered.event()))));
    }

    /** The text suggestions are searched with at the opening, and kept for later messages. */
    static String text(TicketOpened e) {
        return e.body() + "\n" + diagnostics(e.diagnostics());
    }

    /** The agent an event names as having worked on the ticket (whose feedback on its articles counts), or null. */
    static String worker(TicketEvent event) {
        return switch (event) {
            case TicketResolved e -> e.agentId();
            case AgentReplied e -> e.agentId();
            case TicketAwaitingCustomer e -> e.agentId();
            case InternalNoteAdded e -> e.agentId();
            case TicketDiagnosed e -> e.agentId();
            default -> null;
        };
    }

    private static String diagnostics(Diagnostics d) {
        return d == null ? "" : Stream.of(d.product(), d.equipment(), d.symptoms(), d.precedingActions())
                .filter(Objects::nonNull).collect(Collectors.joining("\n"));
    }

    /**
     * What the service keeps of tickets (each one's subject and text, the agents who worked on it), for its rebuild
     * from the ticket stream by that part of the consumer. Suggestions, self-service answers and captured solutions
     * are decisions (made against the index of their moment); articles are the service's own event-sourced aggregate,
     * and the search index is built from them at every start.
     */
    @Produces
    @Singleton
    static RebuildableProjection rebuildable(Suggestions suggestions, ArticleFeedback feedback) {
        return new RebuildableProjection("ticket-facts", List.of(Table.of("ticket_context"), Table.of("ticket_worker")),
                List.of(new Source<>("tickets", CONSUMER, TicketEvent.class, PollHandler.eachOf((session, delivered) ->
                        (delivered.event() instanceof TicketOpened e
                                ? suggestions.remember(session, e.ticketId(), e.subject(), text(e))
                                : Uni.createFrom().voidItem())
                                .chain(() -> feedback.worked(session, delivered.event().ticketId(),
                                        worker(delivered.event())))))));
    }
}
