package io.tierdesk.intake.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.events.InvalidEventException;
import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.channel.CustomerAnswer;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    private final List<Object> data = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    private void message(String key, String customer, String subject, String threadRef) {
        data.add(new ChannelMessage(Channel.CHAT, new CustomerRef(customer, null, null, null, "en"), subject, "body",
                threadRef, List.of(), null, null));
        keys.add(key);
    }

    @Test
    void lanesOfNewTicketsGoTogetherAndKeepTheirOrder() {
        message("k1", "anna", "Printer", null);
        message("k2", "boris", "VPN", "chat-1");
        message("k3", "anna", "Scanner", "chat-2");
        BatchPlan plan = BatchPlan.of(data, keys);
        assertThat(plan.together()).containsExactly(List.of(0, 2), List.of(1));
        assertThat(plan.oneByOne()).isEmpty();
    }

    @Test
    void aTicketNumberAnAnswerOrAnUnreadableEventRunsOneByOne() {
        message("k1", "anna", "Re: [TD-000042] Printer", null);
        message("k2", "boris", "VPN", "TD-000043");
        data.add(new CustomerAnswer("TD-000044", "r3f", null, null));
        keys.add("k3");
        data.add(new InvalidEventException(InvalidEventException.Kind.UNKNOWN_TYPE, "type", "unknown"));
        keys.add(null);
        message("k5", "clara", "New", null);
        BatchPlan plan = BatchPlan.of(data, keys);
        assertThat(plan.together()).containsExactly(List.of(4));
        assertThat(plan.oneByOne()).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
    }

    @Test
    void aCustomerLaneWithOneFollowUpRunsOneByOneWhole() {
        // The second message continues the first one's chat: it must see the ticket the first one opens.
        message("k1", "anna", "Chat", "chat-9");
        message("k2", "boris", "Mail", null);
        message("k3", "anna", "Chat", "chat-9");
        BatchPlan plan = BatchPlan.of(data, keys);
        assertThat(plan.together()).containsExactly(List.of(1));
        assertThat(plan.oneByOne()).containsExactly(List.of(0, 2));
    }

    @Test
    void theSameIdempotencyKeyTwiceInOneBatchRunsOneByOne() {
        message("k1", "anna", "Printer", null);
        message("k1", "anna", "Printer", null);
        message("k2", "boris", "VPN", null);
        BatchPlan plan = BatchPlan.of(data, keys);
        assertThat(plan.together()).containsExactly(List.of(2));
        assertThat(plan.oneByOne()).containsExactly(Arrays.asList(0, 1));
    }
}
