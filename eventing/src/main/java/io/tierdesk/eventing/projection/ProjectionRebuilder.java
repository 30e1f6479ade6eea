package io.tierdesk.eventing.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildReport.TableDifference;
import io.tierdesk.eventing.projection.TopicReader.Read;
import io.tierdesk.eventing.store.SqlRows;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Builds a projection again from its topics while the live one runs, and compares the two.
 *
 * <p>The rebuilt projection lives in a schema of its own ({@code rebuild_…}, dropped afterwards) with tables shaped
 * like the live ones; the projection's own handlers write it, with that schema first on the search path, so that
 * they run unchanged (anything else they read, settings say, comes from the live schema). The topics are read from
 * their beginnings without a consumer group. The live consumer applies each partition in order and records every
 * event it applied in {@code processed_event} in the same transaction: so the events of a partition up to the last
 * one it recorded are exactly what the live projection holds of that partition (but for events it dead-lettered,
 * which have no receipt, and those older than the inbox's memory, which are applied). The rebuild first catches up
 * in short transactions, then, in one transaction at a single snapshot, applies what the live consumer had applied
 * by that snapshot and compares every table row by row. Across partitions the events are applied in the order the
 * broker took them, as the live consumer roughly did: a projection that differs only by that order is not
 * order-independent, which is what the comparison is there to find.
 */
@ApplicationScoped
public class ProjectionRebuilder {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuilder.class);
    /** Rows of each side shown in a report. */
    private static final int SHOWN = 3;
    /** Events per handler call, as a large poll would bring them. */
    private static final int BATCH = 500;
    /** Catch-up rounds that may still bring more than a batch before the final round. */
    private static final int CATCH_UP_ROUNDS = 5;
    /**
     * Event ids remembered to drop a record's second copy (a relay's batch sent again after a crash lies within a
     * batch of its first): bounded, so that a rebuild of years of events keeps its memory.
     */
    private static final int REMEMBERED = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instance<RebuildableProjection> projections;
    private final Mutiny.SessionFactory sessions;
    private final Config config;
    private final EventingConfig eventing;
    private final String bootstrapServers;

    public ProjectionRebuilder(Instance<RebuildableProjection> projections, Mutiny.SessionFactory sessions,
            Config config, EventingConfig eventing,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.projections = projections;
        this.sessions = sessions;
        this.config = config;
        this.eventing = eventing;
        this.bootstrapServers = bootstrapServers;
    }

    public List<String> names() {
        return projections.stream().map(RebuildableProjection::name).sorted().toList();
    }

    /** Rebuilds the named projection and compares it with the live one; 404 for a name this service lacks. */
    public Uni<RebuildReport> rebuild(String name) {
        RebuildableProjection projection = projections.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> Rejection.notFound("name", "no projection '" + name + "' here; there are "
                        + names()));
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("a rebuild starts on a Vert.x context");
        }
        Map<String, Source<?>> byTopic = new LinkedHashMap<>();
        for (Source<?> source : projection.sources()) {
            byTopic.put(config.getValue("mp.messaging.incoming." + source.channel() + ".topic", String.class), source);
        }
        Run run = new Run(projection, "rebuild_" + projection.name().replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8), context);
        long started = System.nanoTime();
        return blocking(context, () -> new TopicReader(bootstrapServers, byTopic, eventing.rebuild().stretch()))
                .chain(reader -> sessions.withTransaction(session -> createShadow(session, run))
                        .chain(() -> catchUp(run, reader, 0))
                        .chain(() -> sessions.withTransaction(session -> finalRound(session, run, reader)))
                        .map(tables -> new RebuildReport(projection.name(),
                                tables.stream().allMatch(TableDifference::equal), run.appliedCount, run.skipped,
                                run.unreadable, run.transactions + 1, (System.nanoTime() - started) / 1_000_000,
                                tables))
                        .onTermination().call(() -> sessions.withTransaction(session -> SqlRows.execute(session,
                                        "DROP SCHEMA IF EXISTS " + run.shadow + " CASCADE"))
                                .onFailure().invoke(e -> LOG.warnf("could not drop %s: %s", run.shadow, e.getMessage()))
                                .onFailure().recoverWithNull()
                                .chain(() -> blocking(context, () -> {
                                    reader.close();
                                    return null;
                                }))));
    }

    private Uni<Void> createShadow(Mutiny.Session session, Run run) {
        return SqlRows.first(session, "SELECT current_schema() AS live").chain(row -> {
            run.live = row.text("live");
            // A statement each: a prepared statement holds one command.
            Uni<Integer> ddl = SqlRows.execute(session, "CREATE SCHEMA " + run.shadow);
            for (Table table : run.projection.tables()) {
                ddl = ddl.chain(() -> SqlRows.execute(session, "CREATE TABLE " + run.shadow + "." + table.name()
                        + " (LIKE " + run.live + "." + table.name() + " INCLUDING ALL)"));
            }
            return ddl.replaceWithVoid();
        });
    }

    /**
     * Short transactions, a stretch of the topics each, until a read brings little, so that the final one, at its
     * snapshot, stays short; only a stretch is held in memory at a time.
     */
    private Uni<Void> catchUp(Run run, TopicReader reader, int quietRounds) {
        int stretch = eventing.rebuild().stretch();
        return blocking(run.context, () -> reader.read(stretch)).chain(reads -> {
            run.add(reads);
            boolean more = reads.size() >= stretch;
            run.transactions++;
            int quiet = more ? 0 : quietRounds + 1;
            return sessions.withTransaction(session -> onShadowPath(session, run).chain(() -> applyApplied(session,
                            run)))
                    .chain(() -> more || (reads.size() >= BATCH && quiet < CATCH_UP_ROUNDS)
                            ? catchUp(run, reader, quiet) : Uni.createFrom().voidItem());
        });
    }

    private Uni<List<TableDifference>> finalRound(Mutiny.Session session, Run run, TopicReader reader) {
        // The snapshot is taken by the first query after this: everything the live consumer had committed by then
        // is on the topics read after it.
        return session.createNativeMutationQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate()
                .chain(() -> onShadowPath(session, run))
                .chain(() -> blocking(run.context, () -> reader.read(Integer.MAX_VALUE)))
                .invoke(run::add)
                .chain(() -> applyApplied(session, run))
                .chain(() -> compare(session, run, new ArrayList<>(run.projection.tables()), new ArrayList<>()));
    }

    private Uni<Void> onShadowPath(Mutiny.Session session, Run run) {
        return SqlRows.first(session, "SELECT set_config('search_path', ?1, true) AS path",
                run.shadow + ", " + run.live).replaceWithVoid();
    }

    /** Applies the pending events the live consumer had applied, as this transaction sees its receipts. */
    private Uni<Void> applyApplied(Mutiny.Session session, Run run) {
        String[] ids = run.pending.values().stream().flatMap(Deque::stream).filter(r -> r.delivered() != null)
                .map(r -> r.delivered().eventId()).distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] consumers = run.projection.sources().stream().map(Source::consumer).distinct()
                .toArray(String[]::new);
        return session.createNativeQuery("SELECT event_id FROM " + run.live + ".processed_event "
                        + "WHERE consumer = ANY(CAST(?1 AS text[])) AND event_id = ANY(CAST(?2 AS text[]))", String.class)
                .setParameter(1, consumers).setParameter(2, ids).getResultList()
                .chain(receipts -> apply(session, run.takeApplied(new HashSet<>(receipts),
                        Instant.now().minus(eventing.inbox().retention()))));
    }

    /**
     * The events in order, each run of one topic's events (up to a batch) to that topic's handler, one run after the
     * other. A flat stream of runs, not a chain per run: topics whose events alternate make a run of each event, and
     * a chain of ten thousand nested operators overflows the stack when it is subscribed to.
     */
    static Uni<Void> apply(Mutiny.Session session, List<Read> reads) {
        List<List<Read>> runs = new ArrayList<>();
        int from = 0;
        while (from < reads.size()) {
            Source<?> source = reads.get(from).source();
            int to = from;
            while (to < reads.size() && to - from < BATCH && reads.get(to).source() == source) {
                to++;
            }
            runs.add(reads.subList(from, to));
            from = to;
        }
        return Multi.createFrom().iterable(runs)
                .onItem().transformToUniAndConcatenate(run -> handle(session, run))
                .collect().last().replaceWithVoid();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Uni<Void> handle(Mutiny.Session session, List<Read> run) {
        PollHandler handler = run.get(0).source().handler();
        List<Delivered<?>> events = run.stream().<Delivered<?>>map(Read::delivered).toList();
        return handler.handle(session, (List) events);
    }

    private Uni<List<TableDifference>> compare(Mutiny.Session session, Run run, List<Table> tables,
            List<TableDifference> done) {
        if (tables.isEmpty()) {
            return Uni.createFrom().item(done);
        }
        Table table = tables.remove(0);
        String[] ignored = table.ignored().toArray(String[]::new);
        return SqlRows.first(session, """
                        WITH live AS (SELECT to_jsonb(t) - CAST(?1 AS text[]) AS r FROM %1$s.%3$s t WHERE %5$s),
                            rebuilt AS (SELECT to_jsonb(t) - CAST(?1 AS text[]) AS r FROM %2$s.%3$s t WHERE %5$s),
                            missing AS (SELECT r FROM live EXCEPT ALL SELECT r FROM rebuilt),
                            extra AS (SELECT r FROM rebuilt EXCEPT ALL SELECT r FROM live)
                        SELECT (SELECT count(*) FROM live) AS live, (SELECT count(*) FROM rebuilt) AS rebuilt,
                            (SELECT count(*) FROM missing) AS missing, (SELECT count(*) FROM extra) AS extra,
                            CAST((SELECT jsonb_agg(r) FROM (SELECT r FROM missing LIMIT %4$d) m) AS text) AS missing_rows,
                            CAST((SELECT jsonb_agg(r) FROM (SELECT r FROM extra LIMIT %4$d) e) AS text) AS extra_rows
                        """.formatted(run.live, run.shadow, table.name(), SHOWN,
                        table.rows() == null ? "true" : table.rows()), (Object) ignored)
                .chain(row -> {
                    done.add(new TableDifference(table.name(), row.number("live"), row.number("rebuilt"),
                            row.number("missing"), row.number("extra"), rows(row.text("missing_rows")),
                            rows(row.text("extra_rows"))));
                    return compare(session, run, tables, done);
                });
    }

    private static List<JsonNode> rows(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<JsonNode> rows = new ArrayList<>();
            JSON.readTree(json).forEach(rows::add);
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocking work (the Kafka client) on a worker thread, continued on the rebuild's Vert.x context. */
    private static <R> Uni<R> blocking(Context context, Supplier<R> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** What one rebuild has read and applied so far. */
    private static final class Run {
        final RebuildableProjection projection;
        final String shadow;
        final Context context;
        String live;
        final Map<TopicPartition, Deque<Read>> pending = new HashMap<>();
        final Set<String> applied = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
        long appliedCount;
        long transactions;
        long skipped;
        long unreadable;

        Run(RebuildableProjection projection, String shadow, Context context) {
            this.projection = projection;
            this.shadow = shadow;
            this.context = context;
        }

        void add(List<Read> reads) {
            for (Read read : reads) {
                if (read.delivered() == null) {
                    unreadable++;
                } else {
                    pending.computeIfAbsent(read.partition(), p -> new ArrayDeque<>()).add(read);
                }
            }
        }

        /**
         * Takes each partition's pending events up to the last one the live consumer applied, in the order the broker
         * took them across partitions; of those, the ones it did not apply are counted and left out.
         */
        List<Read> takeApplied(Set<String> receipts, Instant forgottenBefore) {
            PriorityQueue<Deque<Read>> heads = new PriorityQueue<>(Comparator
                    .comparing((Deque<Read> q) -> q.peekFirst().time())
                    .thenComparing(q -> q.peekFirst().partition().toString()));
            for (Deque<Read> queue : pending.values()) {
                Deque<Read> prefix = new ArrayDeque<>();
                int last = -1;
                int index = 0;
                for (Read read : queue) {
                    if (wasApplied(read, receipts, forgottenBefore)) {
                        last = index;
                    }
                    index++;
                }
                for (int i = 0; i <= last; i++) {
                    prefix.add(queue.pollFirst());
                }
                if (!prefix.isEmpty()) {
                    heads.add(prefix);
                }
            }
            List<Read> ordered = new ArrayList<>();
            while (!heads.isEmpty()) {
                Deque<Read> queue = heads.poll();
                Read read = queue.pollFirst();
                if (!wasApplied(read, receipts, forgottenBefore)) {
                    skipped++;
                } else if (applied.add(read.delivered().eventId())) {
                    appliedCount++;
                    ordered.add(read);
                }
                if (!queue.isEmpty()) {
                    heads.add(queue);
                }
            }
            return ordered;
        }

        private static boolean wasApplied(Read read, Set<String> receipts, Instant forgottenBefore) {
            return receipts.contains(read.delivered().eventId()) || read.time().isBefore(forgottenBefore);
        }
    }
}
