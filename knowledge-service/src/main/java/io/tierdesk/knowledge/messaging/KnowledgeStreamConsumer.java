package io.tierdesk.knowledge.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.KnowledgeEvent;
import io.tierdesk.events.knowledge.SolutionsSuggested;
import io.tierdesk.knowledge.projection.SearchIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Article events from whichever replica decided them: this replica reads the article again and indexes it as it
 * is now, so a repeated or late event changes nothing and no receipt is kept. Every replica has a group of its own.
 */
@ApplicationScoped
public class KnowledgeStreamConsumer {
    private static final Logger LOG = Logger.getLogger(KnowledgeStreamConsumer.class);

    private final SearchIndex index;

    public KnowledgeStreamConsumer(SearchIndex index) {
        this.index = index;
    }

    @Incoming("knowledge")
    public Uni<Void> on(Message<byte[]> message) {
        Delivered<KnowledgeEvent> delivered;
        try {
            delivered = Inbox.read(message, KnowledgeEvent.class);
        } catch (InvalidEventException e) {
            LOG.warnf("ignored a record on the knowledge stream that is not one of its events: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        Uni<Void> work = switch (delivered.event()) {
            case ArticleEvent e -> index.changed(e.articleId());
            case SolutionsSuggested e -> Uni.createFrom().voidItem();
        };
        return work.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                // Not lost: the article is read again at the index's next periodic look.
                .onFailure().invoke(e -> {
                    LOG.errorf("the search index could not take a change of %s now; it reads it again later: %s",
                            delivered.event(), e.toString());
                    if (delivered.event() instanceof ArticleEvent changed) {
                        index.missed(changed.articleId());
                    }
                })
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
