-- The batch check of 0004 again, with two changes:
--  * it says whether the line that did not fit is sold by weight, so the
--    refusal reads in kilograms ("Only 1.250 kg ...", not "Only 1250");
--  * where the connection does not queue outbox events (the head office,
--    0010) it does not count them: there none are queued, and none are missed.
CREATE FUNCTION shopdesk_all_applied(wanted bigint, changed bigint, queued bigint,
                                     first_missing bigint, shelf integer, in_order integer,
                                     by_weight boolean)
    RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF changed <> wanted OR (queued <> wanted
                             AND current_setting('shopdesk.outbox', true) IS DISTINCT FROM 'off')
    THEN
        RAISE EXCEPTION 'stock batch: line % does not fit (shelf %, order %, by weight %)',
            coalesce(first_missing, 0), coalesce(shelf::text, 'none'),
            coalesce(in_order::text, 'none'),
            CASE WHEN by_weight THEN 'true' ELSE 'false' END
            USING ERRCODE = 'SD409';
    END IF;
    RETURN true;
END $$;
