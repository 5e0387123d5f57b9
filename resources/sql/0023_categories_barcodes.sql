-- Several barcodes per product (issue 17, item 1): a product is scanned by
-- any of its barcodes, at the till, in the stock filter and everywhere a
-- code is looked up.
--
-- product_barcodes holds every barcode of every product; a barcode belongs
-- to one product at most (its primary key). products.barcode stays: it is
-- the product's *main* barcode, the one its shelf label prints, and it is
-- always one of the product's rows here. The catalog feed from central and
-- older code write products.barcode directly, so a trigger keeps the two in
-- step: a new main barcode joins the product's list, the main barcode it
-- replaces leaves it (ProductStore puts it back when an edit only demotes
-- it to a second barcode). A main barcode that was another product's second
-- barcode here moves to its new product (central owns the catalog, so its
-- feed must always be taken); the product that loses it gets a
-- product_changes row saying so. ProductStore claims every barcode in
-- product_barcodes before it sets it as a main one, so an edit in the shop
-- never takes a barcode away silently: it is refused naming the PLU.
CREATE TABLE product_barcodes (
    barcode     text PRIMARY KEY CHECK (barcode ~ '^[0-9]{8,14}$'),
    product_id  bigint NOT NULL REFERENCES products (id),
    added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_barcodes_product ON product_barcodes (product_id, added_at);

INSERT INTO product_barcodes (barcode, product_id, added_at)
    SELECT barcode, id, created_at FROM products WHERE barcode IS NOT NULL;

-- A product's barcodes, the main one first, then in the order they came.
CREATE FUNCTION product_barcode_list(product bigint) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_agg(b.barcode ORDER BY b.barcode IS DISTINCT FROM p.barcode,
                              b.added_at, b.barcode), '[]'::jsonb)
    FROM products p JOIN product_barcodes b ON b.product_id = p.id
    WHERE p.id = product
$$;

CREATE FUNCTION products_keep_main_barcode() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner   bigint;
    before  jsonb;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.barcode IS NOT NULL THEN
        DELETE FROM product_barcodes WHERE barcode = OLD.barcode AND product_id = NEW.id;
    END IF;
    IF NEW.barcode IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT product_id INTO owner FROM product_barcodes WHERE barcode = NEW.barcode FOR UPDATE;
    IF owner IS NULL THEN
        INSERT INTO product_barcodes (barcode, product_id) VALUES (NEW.barcode, NEW.id);
    ELSIF owner <> NEW.id THEN
        before := product_barcode_list(owner);
        UPDATE product_barcodes SET product_id = NEW.id, added_at = now()
            WHERE barcode = NEW.barcode;
        INSERT INTO product_changes (product_id, reason, before, after)
            VALUES (owner, 'barcode ' || NEW.barcode || ' moved to PLU ' || NEW.plu,
                    jsonb_build_object('barcodes', before),
                    jsonb_build_object('barcodes', product_barcode_list(owner)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_new_main_barcode AFTER INSERT ON products
    FOR EACH ROW WHEN (NEW.barcode IS NOT NULL)
    EXECUTE FUNCTION products_keep_main_barcode();
CREATE TRIGGER products_changed_main_barcode AFTER UPDATE OF barcode ON products
    FOR EACH ROW WHEN (OLD.barcode IS DISTINCT FROM NEW.barcode)
    EXECUTE FUNCTION products_keep_main_barcode();
