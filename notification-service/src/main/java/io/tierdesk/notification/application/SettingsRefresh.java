package io.tierdesk.notification.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierdesk.eventing.PeriodicTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rules, templates and webhooks are saved through whichever replica an admin reached; each replica keeps them in
 * memory (they are read for every event) and reads them again every {@code tierdesk.notification.settings-refresh}.
 */
@ApplicationScoped
public class SettingsRefresh {
    private final NotificationRulesStore rules;
    private final Templates templates;
    private final Webhooks webhooks;
    private final io.vertx.core.Vertx vertx;
    private final Duration interval;
    private PeriodicTask task;

    public SettingsRefresh(NotificationRulesStore rules, Templates templates, Webhooks webhooks,
            io.vertx.core.Vertx vertx,
            @ConfigProperty(name = "tierdesk.notification.settings-refresh") Duration interval) {
        this.rules = rules;
        this.templates = templates;
        this.webhooks = webhooks;
        this.vertx = vertx;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        task = PeriodicTask.start(vertx, interval, "notification settings",
                () -> rules.reload().chain(templates::reload).chain(webhooks::reload));
    }

    void stop(@Observes ShutdownEvent event) {
        if (task != null) {
            task.stop();
        }
    }
}
