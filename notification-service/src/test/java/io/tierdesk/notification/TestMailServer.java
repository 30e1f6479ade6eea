package io.tierdesk.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port for the service under test; tests stop and start it again on the
 * same port to see mail wait while it is down.
 */
public class TestMailServer implements QuarkusTestResourceLifecycleManager {
    private static int port;
    private static GreenMail mail;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        up();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        down();
    }

    public static synchronized void up() {
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    public static synchronized void down() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    /** Every message received since the server was last started, to every address. */
    public static synchronized List<MimeMessage> received() {
        return mail == null ? List.of() : List.of(mail.getReceivedMessages());
    }

    /** The messages received for one address. */
    public static List<MimeMessage> to(String address) {
        return received().stream().filter(m -> {
            try {
                return m.getAllRecipients() != null && java.util.Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
