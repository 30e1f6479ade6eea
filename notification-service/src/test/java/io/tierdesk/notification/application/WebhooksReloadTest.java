package io.tierdesk.notification.application;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierdesk.notification.TestMailServer;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The webhooks a replica holds in memory never go back to an older reading of the table. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class WebhooksReloadTest {
    @Inject
    Webhooks webhooks;

    @Test
    void aReloadThatReadTheTableBeforeAnAdminSavedDoesNotUndoTheSave() throws Exception {
        String id = "walk-in-" + UUID.randomUUID();
        CompletableFuture<Void> read = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicBoolean first = new AtomicBoolean(true);
        // The next reload (the periodic one, say) is held between its read and its use of it.
        webhooks.afterRead(() -> first.getAndSet(false)
                ? Uni.createFrom().completionStage(() -> {
                    read.complete(null);
                    return release;
                })
                : Uni.createFrom().voidItem());
        try {
            CompletableFuture<Void> stale = CompletableFuture.runAsync(() -> {
                try {
                    VertxContextSupport.subscribeAndAwait(webhooks::reload);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            read.get(30, TimeUnit.SECONDS);

            // Given a reload that read the table without it, an admin saves a webhook.
            as("root", "admin").body(Map.of("url", "http://127.0.0.1:9/hook", "secret", "whsec_c2VjcmV0LWZvci10ZXN0cw==",
                    "channels", List.of("walk-in"))).put("/api/v1/webhooks/" + id).then().statusCode(200);
            assertThat(webhooks.find(id)).isPresent();

            // When the held reload goes on with what it read,
            release.complete(null);
            stale.get(30, TimeUnit.SECONDS);

            // then the saved webhook is still known.
            assertThat(webhooks.find(id)).isPresent();
            assertThat(webhooks.forChannel("walk-in")).contains(id);
        } finally {
            release.complete(null);
            webhooks.afterRead(() -> Uni.createFrom().voidItem());
            as("root", "admin").delete("/api/v1/webhooks/" + id);
        }
    }
}
