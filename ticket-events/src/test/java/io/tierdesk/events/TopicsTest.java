package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void theLaunchersTopicListIsTheContractsTopicList() throws IOException {
        var lines = Files.readAllLines(Checkout.root().resolve("deploy/kafka/topics.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).isEqualTo(Topics.all());
    }

    @Test
    void everyEventTopicHasADeadLetterTopic() {
        assertThat(Topics.all()).contains("tierdesk.tickets", "tierdesk.tickets.dlq", "tierdesk.sla.dlq");
        assertThat(Topics.all()).hasSize(Topics.EVENT_TOPICS.size() * 2);
    }
}
