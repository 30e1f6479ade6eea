package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;

/** Metadata of a file the customer sent; the bytes stay with the channel. */
public record Attachment(String name, String contentType, long size, String url) {
    public Attachment {
        Require.text(name, "attachment.name");
        if (size < 0) {
            throw Require.violation("size", "attachment.size must not be negative");
        }
    }
}
