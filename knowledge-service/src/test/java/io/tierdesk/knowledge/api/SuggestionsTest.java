package io.tierdesk.knowledge.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.knowledge.SolutionsSuggested;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A ticket's opening and its customer's messages get suggestions over the broker, once each, the right one first. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SuggestionsTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private List<SolutionsSuggested> suggested(UUID ticket, int enough) {
        return TestKafka.read(eventing.topic(Topics.KNOWLEDGE), r -> ticket.toString().equals(r.key()),
                        found -> found.size() >= enough, Duration.ofSeconds(30)).stream()
                .map(SuggestionsTest::decode).toList();
    }

    private static SolutionsSuggested decode(ConsumerRecord<String, byte[]> record) {
        return (SolutionsSuggested) EventCatalog.decode(TestKafka.header(record, KafkaBinding.TYPE), record.value());
    }

    @Test
    void anOpeningGetsOneSuggestionWithTheRightArticleFirstEvenWhenRedelivered() throws Exception {
        String vpn = SearchTest.publish(SearchTest.article("VPN не подключается: ошибка 691",
                "Клиент VPN пишет неверное имя пользователя или пароль", "ru", "public", null));
        SearchTest.publish(SearchTest.article("Принтер печатает пустые листы", "Снимите защитную ленту картриджа",
                "ru", "public", null));
        UUID ticket = UUID.randomUUID();
        TicketOpened opened = new TicketOpened(ticket, "TD-S1", Channel.EMAIL, new CustomerRef("c-1", null, null, null,
                "ru"), SupportPlan.WARRANTY, "не могу подключиться к впн", "пишет ошибка 691 неверный пароль",
                Diagnostics.NONE, Urgency.MEDIUM, null, List.of(), null, Instant.now());
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, opened, eventId, Instant.now());
        List<SolutionsSuggested> first = suggested(ticket, 1);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).articles().get(0).articleId()).isEqualTo(UUID.fromString(vpn));

        // The same event again (a redelivery): the inbox absorbs it.
        double handled = TestMetrics.handled("knowledge-tickets");
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, opened, eventId, Instant.now());
        TestMetrics.awaitHandled("knowledge-tickets", handled, 1);
        assertThat(TestDb.number(database, "SELECT count(*) FROM processed_event WHERE event_id = ?",
                eventId.toString())).isEqualTo(1);
        assertThat(TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ?", ticket.toString()))
                .isEqualTo(1);

        as("anna", "agent").get("/api/v1/tickets/" + ticket + "/suggestions").then().statusCode(200)
                .body("ticketId", equalTo(ticket.toString())).body("articles[0].articleId", equalTo(vpn));

        // The customer writes about something else: a new suggestion, searched with the subject and the message.
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, new CustomerMessageReceived(ticket,
                UUID.randomUUID(), Channel.EMAIL, "и ещё принтер печатает пустые листы", List.of(), Instant.now()),
                UUID.randomUUID(), Instant.now());
        List<SolutionsSuggested> both = suggested(ticket, 2);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).articles()).extracting(a -> a.title()).contains("Принтер печатает пустые листы");
    }

    /**
     * A message of some 300 distinct words once made the query exceed Lucene's clause limit, and the ticket's event
     * went to the dead-letter topic: no suggestions ever. The query now keeps the text's most informative words.
     */
    @Test
    void aVeryLongMessageStillGetsSuggestionsFromItsMostInformativeWords() {
        String article = SearchTest.publish(SearchTest.article("Сканер штрихкодов Zebra не читает этикетки",
                "Сканер штрихкодов Zebra пищит, но не читает этикетки после обновления", "ru", "public", null));
        StringBuilder body = new StringBuilder("сканер штрихкодов zebra не читает этикетки.");
        for (int i = 0; i < 300; i++) {
            body.append(" слово").append(Integer.toString(i * 7919, 36).replaceAll("[0-9]", "ж"));
        }
        UUID ticket = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, new TicketOpened(ticket, "TD-S2",
                Channel.EMAIL, new CustomerRef("c-2", null, null, null, "ru"), SupportPlan.WARRANTY, "Сканер",
                body.toString(), Diagnostics.NONE, Urgency.MEDIUM, null, List.of(), null, Instant.now()),
                UUID.randomUUID(), Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("anna", "agent")
                .get("/api/v1/tickets/" + ticket + "/suggestions").then().statusCode(200)
                .body("articles[0].articleId", equalTo(article)));
    }

    @Test
    void aTicketWithoutSuggestionsIs404() {
        as("anna", "agent").get("/api/v1/tickets/" + UUID.randomUUID() + "/suggestions").then().statusCode(404);
    }
}
