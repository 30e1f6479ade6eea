package io.tierdesk.intake.domain;

/** Who works on a ticket, as routing announced it: the L1 owner stays after escalation, the assignee changes. */
public record Participants(String owner, String assignee) {
    public static final Participants NONE = new Participants(null, null);

    public boolean includes(String agentId) {
        return agentId != null && (agentId.equals(owner) || agentId.equals(assignee));
    }
}
