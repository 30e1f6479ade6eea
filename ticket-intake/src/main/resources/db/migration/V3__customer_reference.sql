-- The customer's proof that an answer about a ticket (confirm, reject, rate) comes from them: a random reference
-- given to the channel that opened the ticket, never derived from the sequential number.
ALTER TABLE ticket_number ADD COLUMN customer_reference TEXT;
UPDATE ticket_number SET customer_reference = replace(CAST(gen_random_uuid() AS text), '-', '');
ALTER TABLE ticket_number ALTER COLUMN customer_reference SET NOT NULL;
