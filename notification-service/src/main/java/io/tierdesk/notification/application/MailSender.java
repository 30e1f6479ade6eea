package io.tierdesk.notification.application;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Sends a delivery's mail through the SMTP server the Quarkus Mailer is configured with. */
@ApplicationScoped
public class MailSender {
    /** One address, no display name, nothing a header could be broken with. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:\\\\@]+@[^\\s<>\"(),;:\\\\@]+");

    private final ReactiveMailer mailer;

    public MailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /**
     * @param messageId the same for every attempt of a delivery, so a client that receives it twice (a worker died
     *                  between the server's acceptance and the record of it) can tell
     */
    public Uni<Void> send(String to, String subject, String text, String html, String messageId) {
        if (!ADDRESS.matcher(to).matches()) {
            return Uni.createFrom().failure(new Undeliverable("not a mail address: " + to.replaceAll("\\p{Cntrl}",
                    "?")));
        }
        Mail mail = Mail.withText(to, Templates.oneLine(subject), text).addHeader("Message-ID", messageId);
        if (html != null) {
            mail.setHtml(html);
        }
        return mailer.send(mail);
    }

    /** A failure no retry cures: the address or the message is what the server refuses. */
    public static final class Undeliverable extends RuntimeException {
        public Undeliverable(String message) {
            super(message, null, false, false);
        }
    }
}
