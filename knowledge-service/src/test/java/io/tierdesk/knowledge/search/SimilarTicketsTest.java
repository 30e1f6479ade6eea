package io.tierdesk.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimilarTicketsTest {
    private static SimilarTickets.Ticket ticket(String text, UUID... suggested) {
        return new SimilarTickets.Ticket(text, List.of(suggested));
    }

    @Test
    void ticketsTellingOfOneProblemAreOneGroupWhateverTheirWordForms() {
        List<List<Integer>> groups = SimilarTickets.group(List.of(
                ticket("Принтер зажевал бумагу в лотке"),
                ticket("Не приходят письма на почту"),
                ticket("бумагу зажевало в принтере, лоток"),
                ticket("Письмо не пришло на почту")), SimilarTickets.THRESHOLD);
        assertThat(groups).containsExactly(List.of(0, 2), List.of(1, 3));
    }

    @Test
    void theSameNearMissesSuggestedJoinTicketsWithFewWordsInCommon() {
        UUID driver = UUID.randomUUID();
        UUID offline = UUID.randomUUID();
        List<SimilarTickets.Ticket> bare = List.of(ticket("сканер сохраняет черные листы"),
                ticket("после обновления сканы черные"));
        List<SimilarTickets.Ticket> suggested = List.of(ticket("сканер сохраняет черные листы", driver, offline),
                ticket("после обновления сканы черные", driver, offline));
        assertThat(SimilarTickets.group(bare, SimilarTickets.THRESHOLD)).hasSize(2);
        assertThat(SimilarTickets.group(suggested, SimilarTickets.THRESHOLD)).containsExactly(List.of(0, 1));
    }
}
