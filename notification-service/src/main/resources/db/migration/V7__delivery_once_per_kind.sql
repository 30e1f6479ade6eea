-- One row per event, recipient, medium and kind: one endpoint may be both a channel's adapter (the customer's notice)
-- and an integration subscribed to the same event (the raw event), and must get both.
ALTER TABLE delivery DROP CONSTRAINT delivery_once;
ALTER TABLE delivery ADD CONSTRAINT delivery_once UNIQUE (event_id, recipient, medium, kind);
