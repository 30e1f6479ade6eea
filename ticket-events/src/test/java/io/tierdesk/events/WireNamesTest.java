package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.SupportPlan;
import org.junit.jupiter.api.Test;

class WireNamesTest {
    @Test
    void namesAreLowerCaseWithDashes() {
        assertThat(WireNames.of(SupportPlan.POST_WARRANTY)).isEqualTo("post-warranty");
        assertThat(EventJson.mapper().convertValue(SupportPlan.SELF_SERVICE, String.class)).isEqualTo("self-service");
    }

    @Test
    void everyConstantReadsBackFromItsWireName() {
        for (SupportPlan plan : SupportPlan.values()) {
            assertThat(SupportPlan.fromWire(plan.wireName())).isEqualTo(plan);
        }
    }

    @Test
    void anUnknownNameListsWhatIsAllowed() {
        assertThatThrownBy(() -> Channel.fromWire("pigeon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pigeon")
                .hasMessageContaining("[email, web, chat, phone, messenger, portal, api, walk-in, monitoring]");
    }
}
