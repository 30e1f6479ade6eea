package io.tierdesk.intake.application;

import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.channel.MonitoringAlert;
import io.tierdesk.events.channel.CustomerAnswer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a batch of channel events is worked through. Events about one ticket, or else of one customer, form a lane
 * that keeps the batch's order; lanes are independent of each other. A lane made only of messages that open new
 * tickets — no ticket number, an idempotency key and a channel thread seen once in the batch — can be written
 * together with the other such lanes in one transaction ({@link #together()}); every other lane runs event by event
 * ({@link #oneByOne()}).
 *
 * @param together  lanes of new-ticket messages, each in batch order
 * @param oneByOne  the other lanes, each in batch order
 */
public record BatchPlan(List<List<Integer>> together, List<List<Integer>> oneByOne) {

    /**
     * @param data one entry per event: a {@link ChannelMessage}, a {@link CustomerAnswer}, or the failure that
     *             made it unreadable
     * @param keys the idempotency key ({@code source} and {@code id}) per event, null for an unreadable one
     */
    public static BatchPlan of(List<Object> data, List<String> keys) {
        Map<String, Integer> keyCount = new HashMap<>();
        Map<String, Integer> threadCount = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            if (keys.get(i) != null) {
                keyCount.merge(keys.get(i), 1, Integer::sum);
            }
            String thread = channelThread(data.get(i));
            if (thread != null) {
                threadCount.merge(thread, 1, Integer::sum);
            }
        }
        Map<String, List<Integer>> lanes = new LinkedHashMap<>();
        Map<String, Boolean> opensOnly = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            Object item = data.get(i);
            String lane = lane(item, i);
            lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(i);
            String thread = channelThread(item);
            boolean opens = item instanceof ChannelMessage m
                    && ChannelIntake.firstNumber(m.threadRef(), m.subject()) == null
                    && keyCount.get(keys.get(i)) == 1
                    && (thread == null || threadCount.get(thread) == 1);
            opensOnly.merge(lane, opens, Boolean::logicalAnd);
        }
        List<List<Integer>> together = new ArrayList<>();
        List<List<Integer>> oneByOne = new ArrayList<>();
        lanes.forEach((lane, indexes) -> (opensOnly.get(lane) ? together : oneByOne).add(indexes));
        return new BatchPlan(together, oneByOne);
    }

    /** Which events must keep their order: those about one ticket, or else of one customer. */
    static String lane(Object data, int index) {
        if (data instanceof ChannelMessage message) {
            String number = ChannelIntake.firstNumber(message.threadRef(), message.subject());
            return number != null ? "ticket:" + number : "customer:" + message.customer().externalId();
        }
        if (data instanceof CustomerAnswer answer) {
            return "ticket:" + answer.ticket();
        }
        if (data instanceof MonitoringAlert alert) {
            return "customer:" + alert.customer().externalId();
        }
        return "alone:" + index;
    }

    /** The channel's own thread id of a message (not a ticket number), or null. */
    static String channelThread(Object data) {
        if (data instanceof ChannelMessage m && m.threadRef() != null && !m.threadRef().isBlank()
                && !ChannelIntake.TICKET_NUMBER.matcher(m.threadRef()).matches()) {
            return m.channel().wireName() + "\u0000" + m.threadRef();
        }
        return null;
    }
}
