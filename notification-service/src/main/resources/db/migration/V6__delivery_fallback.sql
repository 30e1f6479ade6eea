-- Why a customer's notice went by e-mail rather than through their channel's adapter: the adapter's webhook was
-- disabled (a 410, an operator). Empty when the notice went the way it would anyway.
ALTER TABLE delivery ADD COLUMN fallback TEXT;
