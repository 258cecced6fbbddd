-- A dispatcher claims the messages it is about to POST for a while (a lease), so that two instances of
-- a node sharing this database never post the same message at once; rows are claimed with
-- FOR UPDATE SKIP LOCKED. A claim left by an instance that died runs out and the message is due again.
ALTER TABLE exchange_outbox ADD COLUMN claimed_until timestamptz;
