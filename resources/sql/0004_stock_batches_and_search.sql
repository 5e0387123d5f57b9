-- Stock: batches applied all or nothing, and a cheaper name search.

-- A batch of stock changes (an order's reservation, a stocktake's
-- corrections) is one statement that must apply every line or none. The
-- statement's final SELECT calls this; raising here undoes the whole
-- statement, history rows and outbox events included. The message names the
-- first line that did not fit and its quantities as the statement found
-- them, so the caller can say why even inside a transaction that is now
-- aborted and can run nothing more.
CREATE FUNCTION shopdesk_all_applied(wanted bigint, changed bigint, queued bigint,
                                     first_missing bigint, shelf integer, in_order integer)
    RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF changed <> wanted OR queued <> wanted THEN
        RAISE EXCEPTION 'stock batch: line % does not fit (shelf %, order %)',
            coalesce(first_missing, 0), coalesce(shelf::text, 'none'),
            coalesce(in_order::text, 'none')
            USING ERRCODE = 'SD409';
    END IF;
    RETURN true;
END $$;

-- Name search over stock: LIKE against a lower-case copy instead of ILIKE.
-- The trigram index only finds candidates; each is rechecked, and ILIKE
-- folds the case of every candidate's name again (slow on Cyrillic).
ALTER TABLE stocks ADD COLUMN product_name_folded text
    GENERATED ALWAYS AS (lower(product_name)) STORED;
DROP INDEX stocks_name_trgm;
CREATE INDEX stocks_name_folded_trgm ON stocks USING gin (product_name_folded gin_trgm_ops);
