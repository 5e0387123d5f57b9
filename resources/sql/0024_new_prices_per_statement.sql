-- A new product's first price went into product_prices through a row-level
-- trigger: one PL/pgSQL call and one INSERT per product. A catalog feed page
-- of thousands of products, or the demo data, paid for each (about a quarter
-- of loading 100,000 products into an empty shop). The same rows now come
-- from one INSERT … SELECT over the statement's new rows; a writer that
-- records who and why inserts its row first, and this one is skipped as
-- before. Changed prices keep the row-level trigger (they come one at a time,
-- or through price documents that write their own rows).
CREATE FUNCTION products_keep_new_prices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO product_prices (product_id, price, valid_from)
        SELECT id, price, price_from FROM new_products
        ON CONFLICT (product_id, valid_from) DO NOTHING;
    RETURN NULL;
END $$;

DROP TRIGGER products_keep_new_price ON products;
CREATE TRIGGER products_keep_new_prices AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_products
    FOR EACH STATEMENT EXECUTE FUNCTION products_keep_new_prices();
