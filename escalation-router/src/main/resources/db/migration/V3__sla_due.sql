-- SLA due times as sla-monitor announces them. Kept apart from routed_ticket because the SLA stream and the ticket
-- stream are different topics: the due time may arrive before the router has seen the ticket.
CREATE TABLE ticket_sla_due (
    ticket_id  UUID PRIMARY KEY,
    due_at     TIMESTAMPTZ NOT NULL
);
