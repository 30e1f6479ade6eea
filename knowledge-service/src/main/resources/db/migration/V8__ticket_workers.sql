-- Who worked on a ticket (replied, asked, noted, diagnosed, resolved), as the ticket's events say: only they may say
-- whether an article suggested for it helped.
CREATE TABLE ticket_worker (
    ticket_id  UUID NOT NULL,
    agent      TEXT NOT NULL,
    PRIMARY KEY (ticket_id, agent)
);
