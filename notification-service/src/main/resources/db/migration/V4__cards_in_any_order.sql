-- A ticket's card is written by whichever of its events comes first (the ticket and routing topics are read side by
-- side): the opening's fields may come after the assignment's.
ALTER TABLE ticket_card ALTER COLUMN number DROP NOT NULL;
ALTER TABLE ticket_card ALTER COLUMN subject DROP NOT NULL;
ALTER TABLE ticket_card ALTER COLUMN channel DROP NOT NULL;
ALTER TABLE ticket_card ALTER COLUMN language DROP NOT NULL;
