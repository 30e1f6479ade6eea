package io.tierdesk.notification.application;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import io.quarkus.vertx.VertxContextSupport;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.HashMap;

/**
 * The webhooks of channel adapters and integrations, and their signatures by the Standard Webhooks scheme: HMAC-SHA256
 * over {@code id.timestamp.body} keyed with the base64-decoded part of {@code whsec_…}, sent as {@code v1,<base64>};
 * during a rotation's grace period the previous secret signs too (several signatures, space-separated). Secrets stay
 * in the database and this object: never logged, never answered.
 */
@ApplicationScoped
public class Webhooks {
    public static final String SECRET_PREFIX = "whsec_";

    /** A webhook as the service keeps it; {@link #toString} leaves the secrets out. */
    public record Webhook(String id, String url, String secret, String previousSecret, Instant previousUntil,
            List<String> channels, List<String> types, boolean enabled, String disabledReason) {
        @Override
        public String toString() {
            return "Webhook[" + id + " " + url + " channels=" + channels + " types=" + types + " enabled=" + enabled
                    + "]";
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final Duration grace;
    private final Map<String, Webhook> all = new ConcurrentHashMap<>();
    private final AtomicLong reloads = new AtomicLong();
    /** The number of the latest reload whose reading is in memory; guarded by {@code all}. */
    private long applied;
    private volatile Supplier<Uni<Void>> afterRead = () -> Uni.createFrom().voidItem();

    public Webhooks(Mutiny.SessionFactory sessions,
            @ConfigProperty(name = "tierdesk.notification.webhook.rotation-grace") Duration grace) {
        this.sessions = sessions;
        this.grace = grace;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    /**
     * Reads every webhook again: at start, for changes other replicas made, and after each change made here has
     * committed (the callers of {@link #save}, {@link #delete} and {@link #disable} do so) — memory holds committed
     * rows only. Reloads may overlap: one that began earlier read an older table, and what it read is dropped once a
     * later one has been applied.
     */
    public Uni<Void> reload() {
        long reading = reloads.incrementAndGet();
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT webhook_id, url, secret, previous_secret, previous_until,
                            array_to_string(channels, ' ') AS channels, array_to_string(types, ' ') AS types, enabled,
                            disabled_reason FROM webhook"""))
                .call(rows -> afterRead.get())
                .invoke(rows -> {
                    Map<String, Webhook> read = new HashMap<>();
                    rows.forEach(r -> read.put(r.text("webhook_id"), new Webhook(r.text("webhook_id"), r.text("url"),
                            r.text("secret"), r.text("previous_secret"), r.instant("previous_until"),
                            words(r.text("channels")), words(r.text("types")), r.bool("enabled"),
                            r.text("disabled_reason"))));
                    synchronized (all) {
                        if (reading < applied) {
                            return;
                        }
                        applied = reading;
                        all.keySet().retainAll(read.keySet());
                        all.putAll(read);
                    }
                })
                .replaceWithVoid();
    }

    /** Tests hold a reload between its read and its use of what it read; nothing otherwise. */
    void afterRead(Supplier<Uni<Void>> hook) {
        afterRead = hook;
    }

    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(all.get(id));
    }

    /** The enabled webhook that serves a channel's customers (the first by id when several claim it). */
    public Optional<String> forChannel(String channel) {
        return all.values().stream().filter(w -> w.enabled() && w.channels().contains(channel)).map(Webhook::id)
                .sorted().findFirst();
    }

    /**
     * A disabled webhook that would serve the channel's customers were it enabled, and no enabled one does: their
     * notices go by e-mail meanwhile, and say why.
     */
    public Optional<Webhook> disabledForChannel(String channel) {
        if (channel == null || forChannel(channel).isPresent()) {
            return Optional.empty();
        }
        return all.values().stream().filter(w -> !w.enabled() && w.channels().contains(channel))
                .sorted(Comparator.comparing(Webhook::id)).findFirst();
    }

    /** The enabled webhooks that asked for an event type as it is. */
    public List<String> forType(String type) {
        return all.values().stream().filter(w -> w.enabled() && w.types().contains(type)).map(Webhook::id).sorted()
                .toList();
    }

    /**
     * Creates or replaces a webhook; a new secret for an existing one keeps the old one signing for the grace
     * period. Saving enables it again (after a 410 disabled it). In the caller's transaction: reload once it commits.
     */
    public Uni<Webhook> save(Mutiny.Session session, String id, String url, String secret, List<String> channels,
            List<String> types, String by, Instant at) {
        return SqlRows.first(session, """
                        INSERT INTO webhook (webhook_id, url, secret, channels, types, enabled, changed_by, changed_at)
                        VALUES (?1, ?2, ?3, CAST(?4 AS text[]), CAST(?5 AS text[]), true, ?6, ?7)
                        ON CONFLICT (webhook_id) DO UPDATE SET url = EXCLUDED.url, channels = EXCLUDED.channels,
                            types = EXCLUDED.types, enabled = true, disabled_reason = NULL,
                            changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at,
                            previous_secret = CASE WHEN webhook.secret <> EXCLUDED.secret THEN webhook.secret
                                ELSE webhook.previous_secret END,
                            previous_until = CASE WHEN webhook.secret <> EXCLUDED.secret THEN ?8
                                ELSE webhook.previous_until END,
                            secret = EXCLUDED.secret
                        RETURNING webhook_id, url, secret, previous_secret, previous_until, enabled""", id, url, secret,
                        (Object) channels.toArray(String[]::new), (Object) types.toArray(String[]::new), by, at,
                        at.plus(grace))
                .map(r -> new Webhook(id, url, r.text("secret"), r.text("previous_secret"),
                        r.instant("previous_until"), List.copyOf(channels), List.copyOf(types), true, null));
    }

    public Uni<Boolean> delete(Mutiny.Session session, String id) {
        return SqlRows.execute(session, "DELETE FROM webhook WHERE webhook_id = ?1", id).map(n -> n > 0);
    }

    /** The endpoint said it is gone (410): nothing more is planned for it until an admin saves it again. */
    public Uni<Void> disable(Mutiny.Session session, String id, String reason) {
        return SqlRows.execute(session, "UPDATE webhook SET enabled = false, disabled_reason = ?2 WHERE webhook_id = ?1",
                id, reason).replaceWithVoid();
    }

    /** The {@code webhook-signature} header's value: one {@code v1,} signature per secret in force at {@code at}. */
    public static String signature(Webhook webhook, String id, long timestamp, String body, Instant at) {
        List<String> signatures = new ArrayList<>();
        signatures.add(sign(webhook.secret(), id, timestamp, body));
        if (webhook.previousSecret() != null && webhook.previousUntil() != null && at.isBefore(webhook.previousUntil())) {
            signatures.add(sign(webhook.previousSecret(), id, timestamp, body));
        }
        return String.join(" ", signatures);
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The key a {@code whsec_<base64>} secret stands for; null when it is not one. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            return key.length == 0 ? null : key;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(" "));
    }
}
