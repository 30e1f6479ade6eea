-- A channel's receipt is claimed before its event is processed and answered after, as every idempotent command's is:
-- the answer is empty in between, inside the claiming transaction only.
ALTER TABLE channel_receipt ALTER COLUMN answer DROP NOT NULL;
