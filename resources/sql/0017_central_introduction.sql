-- Shop: the first sync with a head office introduces the shop to it, queuing
-- the products and the stock it had before it was enrolled (sync_state
-- 'central_introduced' holds the SHA-256 of the token it was done for). A
-- shop that already delivered events to its head office was introduced
-- event by event.
INSERT INTO sync_state (name, value)
SELECT 'central_introduced', encode(sha256(convert_to(a.value, 'UTF8')), 'hex')
FROM app_state a
WHERE a.key = 'central_token' AND a.value <> ''
  AND EXISTS (SELECT 1 FROM outbox WHERE sent_at IS NOT NULL)
ON CONFLICT (name) DO NOTHING;

-- Shop: products go to central before the stock events that name them, even
-- when they were queued later (by the introduction).
CREATE INDEX outbox_unsent_products ON outbox (id)
    WHERE sent_at IS NULL AND rejected_at IS NULL AND event_type = 'product.created';
