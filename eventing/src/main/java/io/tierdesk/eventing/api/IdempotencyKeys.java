package io.tierdesk.eventing.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;
import jakarta.ws.rs.core.Response;

/**
 * Makes a command safe to retry. A caller that sends {@value #HEADER} gets, for the same key and the same request,
 * the first answer again (with {@value #REPLAYED}: true) and nothing is done twice; the same key with another request
 * is 422. The key is claimed and the answer stored in the command's own transaction: a command that fails leaves no
 * receipt and may be retried, and a retry that arrives while the first is still running waits for it (the claim is a
 * row of a primary key) and then answers what it answered. Keys are per caller, so one agent's keys never meet
 * another's, and are kept for {@code tierdesk.eventing.idempotency.retention}.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** The command's answer, and whether it is the stored answer of an earlier request with the same key. */
    public record Outcome<T>(T answer, boolean replayed) {
        /** 200 with the answer, saying whether it is a replay. */
        public Response.ResponseBuilder ok() {
            var response = Response.ok(answer);
            return replayed ? response.header(REPLAYED, "true") : response;
        }
    }

    /**
     * Where one kind of receipt is kept: its table, the two columns of its key (whose key, which key), the column of
     * the request's hash, and the field a reused key is named by. The table also has {@code answer} (text or jsonb,
     * null while the command runs).
     */
    public record Receipts(String table, String owner, String key, String hash, String field) {
    }

    /** The receipts of commands sent with {@value #HEADER}: per caller, kept for the retention. */
    public static final Receipts COMMANDS = new Receipts("command_receipt", "caller", "key", "request_hash", HEADER);

    private final EventingConfig config;

    public IdempotencyKeys(EventingConfig config) {
        this.config = config;
    }

    /**
     * Runs {@code command} in the caller's transaction once per key.
     *
     * @param key     the header's value; null runs the command as it is
     * @param request what identifies the request besides its body, e.g. the method and path
     * @param body    the request's body as read (null when it has none)
     */
    public <T> Uni<Outcome<T>> once(Mutiny.Session session, String key, String caller, String request, Object body,
            Class<T> answerType, Supplier<Uni<T>> command) {
        if (key == null) {
            return command.get().map(answer -> new Outcome<>(answer, false));
        }
        if (!KEY.matcher(key).matches()) {
            throw Rejection.invalid(HEADER, "must be 1 to 200 printable ASCII characters without spaces");
        }
        return once(session, COMMANDS, caller, key, hash(request, body), answerType, command);
    }

    /**
     * Runs {@code command} in the caller's transaction once per {@code (owner, key)} of these receipts: the claim is
     * a row of the primary key, the answer is stored with it; a request that finds the key claimed waits for the
     * first one's transaction and gets its answer, or a 422 ({@code idempotency-key-reused}, naming the receipts'
     * field) when its hash differs.
     */
    public <T> Uni<Outcome<T>> once(Mutiny.Session session, Receipts receipts, String owner, String key, String hash,
            Class<T> answerType, Supplier<Uni<T>> command) {
        return SqlRows.execute(session, "INSERT INTO " + receipts.table() + " (" + receipts.owner() + ", "
                        + receipts.key() + ", " + receipts.hash() + ") VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                        owner, key, hash)
                .chain(claimed -> claimed == 1
                        ? command.get().call(answer -> SqlRows.execute(session, "UPDATE " + receipts.table()
                                        + " SET answer = CAST(CAST(?3 AS text) AS jsonb) WHERE " + receipts.owner()
                                        + " = ?1 AND " + receipts.key() + " = ?2", owner, key, SqlRows.json(answer)))
                                .map(answer -> new Outcome<>(answer, false))
                        : replay(session, receipts, owner, key, hash, answerType));
    }

    private <T> Uni<Outcome<T>> replay(Mutiny.Session session, Receipts receipts, String owner, String key,
            String hash, Class<T> answerType) {
        return SqlRows.first(session, "SELECT " + receipts.hash() + " AS request_hash, CAST(answer AS text) AS answer "
                        + "FROM " + receipts.table() + " WHERE " + receipts.owner() + " = ?1 AND " + receipts.key()
                        + " = ?2", owner, key)
                .map(row -> {
                    if (!hash.equals(row.text("request_hash"))) {
                        throw reused(receipts.field());
                    }
                    return new Outcome<>(row.json("answer", answerType), true);
                });
    }

    /** The one answer to a key used again for another request. */
    private static Rejection reused(String field) {
        return new Rejection(Rejection.Kind.NOT_ALLOWED_NOW, field, "this key was used for another request; use a new "
                + "key for a new request", "idempotency-key-reused", "Idempotency key reused");
    }

    /** Deletes receipts older than the retention; answers how many. */
    public Uni<Integer> prune(Mutiny.Session session, int batch) {
        return SqlRows.execute(session, """
                DELETE FROM command_receipt WHERE (caller, key) IN (
                    SELECT caller, key FROM command_receipt
                    WHERE created_at < clock_timestamp() - make_interval(secs => ?1) LIMIT ?2)""",
                (double) config.idempotency().retention().toSeconds(), batch);
    }

    private static String hash(String request, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (body != null) {
                digest.update(EventJson.write(body));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
