package io.tierdesk.events.channel;

import io.tierdesk.events.Require;

/**
 * The data of {@code tierdesk.channel.alert.raised} and {@code tierdesk.channel.alert.cleared}: a monitored system's
 * failure, or its recovery. {@code alertKey} is the monitoring system's own name for the condition (the same key
 * raised again is the same failure); {@code object} what failed (a host, a device, a service).
 */
public record MonitoringAlert(Customer customer, String alertKey, String object, AlertSeverity severity,
        String summary, String details) {
    /** Whose system it is: a customer intake knows. */
    public record Customer(String externalId) {
        public Customer {
            Require.text(externalId, "customer.externalId");
        }
    }

    public MonitoringAlert {
        Require.present(customer, "customer");
        Require.text(alertKey, "alertKey");
        Require.text(object, "object");
        Require.present(severity, "severity");
        Require.text(summary, "summary");
        summary = Require.singleLine(summary);
    }
}
