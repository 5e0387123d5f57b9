-- A new product's main barcode joined product_barcodes (0023) through a
-- row-level trigger: one PL/pgSQL call, a locking lookup and an INSERT per
-- product. A catalog feed page of thousands of new products (a shop's first
-- pull) or the demo data paid for each, and it had become the largest cost
-- of loading a catalog after the name index. The new rows' barcodes now go
-- in with one INSERT … SELECT over the statement's new rows.
--
-- The rare case keeps its row-by-row path: a main barcode that another
-- product had here as a barcode moves to the new product, and the product
-- that loses it gets its product_changes row, as before. A barcode another
-- transaction claims at the same moment still fails the primary key rather
-- than being dropped (no ON CONFLICT on the bulk insert). Changed main
-- barcodes keep the row-level trigger: they come one at a time.
CREATE FUNCTION products_keep_new_main_barcodes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved   record;
    before  jsonb;
BEGIN
    FOR moved IN
        SELECT n.id, n.plu, n.barcode, b.product_id AS owner
        FROM new_products n JOIN product_barcodes b ON b.barcode = n.barcode
        WHERE b.product_id <> n.id
        ORDER BY n.barcode
        FOR UPDATE OF b
    LOOP
        before := product_barcode_list(moved.owner);
        UPDATE product_barcodes SET product_id = moved.id, added_at = now()
            WHERE barcode = moved.barcode;
        INSERT INTO product_changes (product_id, reason, before, after)
            VALUES (moved.owner, 'barcode ' || moved.barcode || ' moved to PLU ' || moved.plu,
                    jsonb_build_object('barcodes', before),
                    jsonb_build_object('barcodes', product_barcode_list(moved.owner)));
    END LOOP;
    INSERT INTO product_barcodes (barcode, product_id)
        SELECT n.barcode, n.id FROM new_products n
        WHERE n.barcode IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM product_barcodes b WHERE b.barcode = n.barcode);
    RETURN NULL;
END $$;

DROP TRIGGER products_new_main_barcode ON products;
CREATE TRIGGER products_new_main_barcodes AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_products
    FOR EACH STATEMENT EXECUTE FUNCTION products_keep_new_main_barcodes();
