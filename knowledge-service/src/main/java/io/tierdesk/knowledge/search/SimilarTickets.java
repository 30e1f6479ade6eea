package io.tierdesk.knowledge.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Groups tickets that tell of the same problem, so that one article is written for all of a group. A ticket is
 * described by the stems of its text (slang expanded) and by the articles suggested for it — tickets about one
 * problem the knowledge base does not answer yet tend to be offered the same near misses. Two tickets are as similar
 * as the rarer features they share (weighted Jaccard, each feature weighing its inverse frequency among the tickets
 * grouped). Each ticket, oldest first, joins the group it is most similar to on average when that reaches the
 * threshold, else starts one.
 */
public final class SimilarTickets {
    /** The threshold with the best pairwise F1 on the evaluation set (docs/decisions.md). */
    public static final double THRESHOLD = 0.15;

    /** A ticket as it is compared: what the customer and the agent wrote, and the articles suggested for it. */
    public record Ticket(String text, List<UUID> suggested) {
    }

    private SimilarTickets() {
    }

    /** @return the indexes of the tickets, grouped; groups in the order they were started, members in given order */
    public static List<List<Integer>> group(List<Ticket> tickets, double threshold) {
        List<Set<String>> features = new ArrayList<>();
        for (Ticket ticket : tickets) {
            Set<String> f = new HashSet<>(ArticleIndex.meaning(ticket.text()));
            ticket.suggested().forEach(id -> f.add("@" + id));
            features.add(f);
        }
        Map<String, Integer> frequency = new HashMap<>();
        features.forEach(f -> f.forEach(t -> frequency.merge(t, 1, Integer::sum)));
        Map<String, Double> weight = new HashMap<>();
        frequency.forEach((t, df) -> weight.put(t, Math.log(1 + (double) tickets.size() / df)));
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            int best = -1;
            double bestSimilarity = threshold;
            for (int g = 0; g < groups.size(); g++) {
                double sum = 0;
                for (int member : groups.get(g)) {
                    sum += similarity(features.get(i), features.get(member), weight);
                }
                double mean = sum / groups.get(g).size();
                if (mean >= bestSimilarity) {
                    best = g;
                    bestSimilarity = mean;
                }
            }
            if (best < 0) {
                groups.add(new ArrayList<>(List.of(i)));
            } else {
                groups.get(best).add(i);
            }
        }
        return groups;
    }

    static double similarity(Set<String> a, Set<String> b, Map<String, Double> weight) {
        double common = 0;
        double all = 0;
        for (String t : a) {
            double w = weight.get(t);
            all += w;
            if (b.contains(t)) {
                common += w;
            }
        }
        for (String t : b) {
            if (!a.contains(t)) {
                all += weight.get(t);
            }
        }
        return all == 0 ? 0 : common / all;
    }
}
