package io.tierdesk.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.notification.TestMailServer;
import io.tierdesk.notification.application.LiveStreams;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Agents' live streams over a real socket: their own events only, and no gap across a reconnection. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class StreamsTest {
    @Inject
    EventingConfig eventing;
    @TestHTTPResource("/api/v1/streams/agents/")
    URL streams;

    /** An open stream: the SSE lines read so far. */
    record Connection(List<String> lines, CompletableFuture<HttpResponse<Void>> response) {
        List<String> ids() {
            return lines.stream().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).strip()).toList();
        }

        List<String> data() {
            return lines.stream().filter(l -> l.startsWith("data:")).toList();
        }

        void close() {
            response.cancel(true);
        }

        /** Read up to the stream's opening comment: from here on, every notice reaches it. */
        Connection awaitLive() {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                    .anyMatch(l -> l.startsWith(":") && l.substring(1).strip().equals(LiveStreams.LIVE)));
            return this;
        }
    }

    private Connection connect(String agent, String as, String role, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(streams + agent))
                .header("Authorization", TestTokens.bearer(as, role)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Void>> response = HttpClient.newHttpClient().sendAsync(request.build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
        return new Connection(lines, response);
    }

    private void assign(UUID ticket, String agent) {
        TestEvents.publish(eventing.topic(Topics.ROUTING), "/escalation-router", ticket, new TicketAssigned(ticket,
                agent, Tier.L1, "router", Instant.now()));
    }

    @Test
    void anAgentHearsTheirAssignmentAndNotAnothersAndAReconnectionMissesNothing() throws Exception {
        String anna = "anna-" + UUID.randomUUID().toString().substring(0, 6);
        String boris = "boris-" + UUID.randomUUID().toString().substring(0, 6);
        Connection stream = connect(anna, anna, "agent", null).awaitLive();
        Connection borisStream = connect(boris, boris, "agent", null).awaitLive();
        UUID first = UUID.randomUUID();
        UUID borisTicket = UUID.randomUUID();
        assign(first, anna);
        assign(borisTicket, boris);
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.ids().size() >= 1 && borisStream.ids().size() == 1);
        // Boris's notice has been handed out; had it leaked into Anna's stream, it would come before this one.
        UUID marker = UUID.randomUUID();
        assign(marker, anna);
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.ids().size() >= 2);
        assertThat(stream.data()).hasSize(2).noneMatch(d -> d.contains(borisTicket.toString()));
        assertThat(stream.data().get(0)).contains(first.toString()).contains("agent.assigned");
        assertThat(stream.data().get(1)).contains(marker.toString());
        String lastSeen = stream.ids().get(1);
        stream.close();
        borisStream.close();

        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        assign(second, anna);
        assign(third, anna);
        // Both committed while Anna is away: the reconnection must read them back.
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM delivery WHERE recipient = ? AND medium = 'stream'", anna) == 4);
        Connection again = connect(anna, anna, "agent", lastSeen);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.ids().size() == 2);
        assertThat(again.data().get(0)).contains(second.toString());
        assertThat(again.data().get(1)).contains(third.toString());
        UUID fourth = UUID.randomUUID();
        assign(fourth, anna);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.ids().size() == 3);
        assertThat(again.data().get(2)).contains(fourth.toString());
        assertThat(again.ids()).doesNotHaveDuplicates().doesNotContain(lastSeen);
        again.close();
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static void insertNotice(java.sql.Connection connection, String agent, String subject) throws Exception {
        try (var insert = connection.prepareStatement("""
                INSERT INTO delivery (delivery_id, event_id, ticket_id, kind, audience, recipient, medium, language,
                    subject, text, state, next_attempt_at, event_time, created_at, delivered_at)
                VALUES (gen_random_uuid(), gen_random_uuid()::text, gen_random_uuid(), 'agent.assigned', 'agent', ?,
                    'stream', 'en', ?, 'x', 'delivered', now(), now(), now(), now())""")) {
            insert.setString(1, agent);
            insert.setString(2, subject);
            insert.executeUpdate();
        }
    }

    /**
     * Two notices committed out of their seq order: the one drawn first commits last, after the poller has handed
     * on the other. A stream positioned by seq alone never sent it, not even after a reconnection.
     */
    @Test
    void aNoticeCommittedAfterAHigherOneIsStillSentLiveAndOnReconnection() throws Exception {
        String agent = "vera-" + UUID.randomUUID().toString().substring(0, 6);
        Connection stream = connect(agent, agent, "agent", null).awaitLive();
        try (var early = TierdeskInfra.connect(database); var late = TierdeskInfra.connect(database)) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            // "early" takes its transaction id first; "late" takes a later one but draws the lower seq.
            early.createStatement().execute("SELECT pg_current_xact_id()");
            late.createStatement().execute("SELECT pg_current_xact_id()");
            insertNotice(late, agent, "drawn first, committed last");
            insertNotice(early, agent, "drawn second, committed first");
            early.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.data().size() == 1);
            assertThat(stream.data().get(0)).contains("committed first");
            late.commit();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.data().size() == 2);
        assertThat(stream.data().get(1)).contains("committed last");
        String firstId = stream.ids().get(0);
        stream.close();
        // A reconnection after the first gets the second.
        Connection again = connect(agent, agent, "agent", firstId);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.data().size() == 1);
        assertThat(again.data().get(0)).contains("committed last");
        again.close();
    }

    @Inject
    MeterRegistry registry;

    private double polls(String outcome) {
        return registry.counter("tierdesk.streams.polls", "outcome", outcome).count();
    }

    /**
     * With no stream open the poller reads nothing (an idle platform's rounds cost no query); a stream opened later
     * hears what comes after it, not what was committed while nobody listened.
     */
    @Test
    void withNoStreamOpenThePollerSleepsAndAStreamOpenedLaterHearsOnlyWhatFollows() throws Exception {
        String agent = "sleepy-" + UUID.randomUUID().toString().substring(0, 6);
        double slept = polls("asleep");
        // Every other test's stream has ended once a round finds none open.
        await().atMost(Duration.ofSeconds(30)).until(() -> polls("asleep") >= slept + 1);
        double read = polls("read");
        double asleep = polls("asleep");
        try (var connection = TierdeskInfra.connect(database)) {
            insertNotice(connection, agent, "while nobody listened");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> polls("asleep") >= asleep + 3);
        assertThat(polls("read")).as("rounds that read while no stream was open").isEqualTo(read);

        Connection stream = connect(agent, agent, "agent", null).awaitLive();
        try (var connection = TierdeskInfra.connect(database)) {
            insertNotice(connection, agent, "after the stream opened");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.data().size() >= 1);
        // Had the notice from before been sent, it would have come first.
        assertThat(stream.data().get(0)).contains("after the stream opened");
        assertThat(polls("read")).isGreaterThan(read);
        stream.close();
    }

    /** A caller keeps at most five streams open; the sixth is a 429, not one more buffer on this replica. */
    @Test
    void aCallersOpenStreamsAreCapped() throws Exception {
        String agent = "cap-" + UUID.randomUUID().toString().substring(0, 6);
        List<Connection> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(connect(agent, agent, "agent", null).awaitLive());
        }
        Connection sixth = connect(agent, agent, "agent", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> sixth.response().isDone());
        assertThat(sixth.response().get().statusCode()).isEqualTo(429);
        assertThat(five.stream().filter(c -> c.response().isDone())).as("the five stay open").isEmpty();
        five.forEach(Connection::close);
    }

    /**
     * A reconnection that missed more than a stream reads back (three under test) is told to resync — load its
     * lists afresh — instead of being sent the whole history, and goes on live.
     */
    @Test
    void aReconnectionThatMissedTooMuchIsToldToResync() throws Exception {
        String agent = "resync-" + UUID.randomUUID().toString().substring(0, 6);
        Connection stream = connect(agent, agent, "agent", null).awaitLive();
        assign(UUID.randomUUID(), agent);
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.ids().size() == 1);
        String lastSeen = stream.ids().get(0);
        stream.close();
        // A second stream of the agent's sees the five handed out: the reconnection's read-back then covers them.
        Connection watcher = connect(agent, agent, "agent", null).awaitLive();
        for (int i = 0; i < 5; i++) {
            assign(UUID.randomUUID(), agent);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.ids().size() == 5);
        watcher.close();
        Connection again = connect(agent, agent, "agent", lastSeen);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.lines().contains("event:resync")
                || again.lines().contains("event: resync"));
        assertThat(again.data()).hasSize(1);
        UUID next = UUID.randomUUID();
        assign(next, agent);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.data().size() == 2);
        assertThat(again.data().get(1)).contains(next.toString());
        again.close();
    }

    @Test
    void anotherAgentsStreamIsForbiddenAndASupervisorMayWatch() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(URI.create(streams + "anna"))
                .header("Authorization", TestTokens.bearer("boris", "agent")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(refused.statusCode()).isEqualTo(403);
        Connection watched = connect("carl", "sam", "supervisor", null).awaitLive();
        assign(UUID.randomUUID(), "carl");
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.ids().size() == 1);
        watched.close();
    }
}
