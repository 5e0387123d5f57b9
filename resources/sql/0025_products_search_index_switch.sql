-- A shop's first catalog pull inserts tens of thousands of products into an
-- empty table. Most of that time went into the trigram index of their names
-- (name search), taken entry by entry; built once from the whole table it
-- costs a fraction (bench_catalogfeed, docs/BENCHMARKS.md). The feed switches
-- the index off on the first page of a first pull and back on with the last
-- page of every pull, so a pull cut short leaves it off only until the next
-- pull ends (name search still works without it, scanning the table).
CREATE FUNCTION products_search_index_off() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DROP INDEX IF EXISTS products_name_trgm;
END $$;

CREATE FUNCTION products_search_index_on() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Checked first: CREATE INDEX IF NOT EXISTS would lock the table on
    -- every pull just to find the index there.
    IF to_regclass('products_name_trgm') IS NULL THEN
        CREATE INDEX products_name_trgm ON products USING gin (name gin_trgm_ops);
    END IF;
END $$;
