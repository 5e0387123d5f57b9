-- Shop: why central refused an event, as central's machine code and the
-- payload field at fault, so the Sync page says it in the user's words and
-- the sync sends the event again by itself once its cause is gone (the
-- product it names reached central). last_error keeps central's own text.
ALTER TABLE outbox ADD COLUMN rejected_code text, ADD COLUMN rejected_field text;
UPDATE outbox SET rejected_code = nullif(split_part(last_error, ':', 1), '')
    WHERE rejected_at IS NOT NULL AND sent_at IS NULL;
