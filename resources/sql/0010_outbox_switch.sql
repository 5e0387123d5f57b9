-- The head office's server (shopdesk-central) changes products and stock with
-- the same statements as a shop, and they queue outbox events, but nothing at
-- the head office ever sends an outbox on: its table only grew. Its
-- connections say so (shopdesk.outbox = off, a libpq option set by
-- DbConfig::writesOutbox) and the rows are not written. A shop's connections
-- leave the setting unset: the WHEN clause is false and no function runs.
CREATE FUNCTION outbox_skip() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NULL;
END $$;

CREATE TRIGGER outbox_skip_when_off BEFORE INSERT ON outbox
    FOR EACH ROW WHEN (current_setting('shopdesk.outbox', true) = 'off')
    EXECUTE FUNCTION outbox_skip();
