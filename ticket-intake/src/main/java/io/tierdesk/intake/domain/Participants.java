package io.tierdesk.intake.domain;

/**
 * Who works on a ticket, as routing announced it (the L1 owner stays after escalation, the assignee changes), and
 * whether the one acting now is a supervisor: all that the rule of the lines needs to decide.
 */
public record Participants(String owner, String assignee, boolean supervisorActing) {
    public static final Participants NONE = new Participants(null, null, false);

    public Participants(String owner, String assignee) {
        this(owner, assignee, false);
    }

    public Participants actedOnBySupervisor() {
        return new Participants(owner, assignee, true);
    }
}
