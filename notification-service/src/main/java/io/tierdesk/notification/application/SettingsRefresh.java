package io.tierdesk.notification.application;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.tierdesk.eventing.PeriodicJobs;

/**
 * Rules, templates and webhooks are saved through whichever replica an admin reached; each replica keeps them in
 * memory (they are read for every event) and reads them again every {@code tierdesk.notification.settings-refresh}.
 */
@ApplicationScoped
public class SettingsRefresh {
    private final NotificationRulesStore rules;
    private final Templates templates;
    private final Webhooks webhooks;
    private final PeriodicJobs jobs;
    private final Duration interval;

    public SettingsRefresh(NotificationRulesStore rules, Templates templates, Webhooks webhooks,
            PeriodicJobs jobs,
            @ConfigProperty(name = "tierdesk.notification.settings-refresh") Duration interval) {
        this.rules = rules;
        this.templates = templates;
        this.webhooks = webhooks;
        this.jobs = jobs;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        jobs.every(interval, "notification settings",
                () -> rules.reload().chain(templates::reload).chain(webhooks::reload));
    }

}
