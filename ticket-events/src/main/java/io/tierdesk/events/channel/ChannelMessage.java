package io.tierdesk.events.channel;

import io.tierdesk.events.Require;
import io.tierdesk.events.ticket.Attachment;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.Urgency;
import java.util.List;

/**
 * The data of {@code tierdesk.channel.message.received}: what an adapter received from a customer.
 * {@code threadRef} is the ticket number (TD-000123) or the channel's own thread id.
 */
public record ChannelMessage(Channel channel, CustomerRef customer, String subject, String body, String threadRef,
        List<Attachment> attachments, Diagnostics diagnostics, Urgency urgency) {
    public ChannelMessage {
        Require.present(channel, "channel");
        Require.present(customer, "customer");
        Require.present(body, "body");
        subject = subject == null ? "" : Require.singleLine(subject);
        attachments = Require.list(attachments);
        diagnostics = diagnostics == null ? Diagnostics.NONE : diagnostics;
    }
}
