-- A stock row reads in kilograms when its product is sold by weight. The flag
-- is copied onto the stock like the product's PLU, name and price (0002), so
-- lists and exports need no lookup per row.
ALTER TABLE stocks ADD COLUMN sold_by_weight boolean NOT NULL DEFAULT false;
UPDATE stocks s SET sold_by_weight = true
FROM products p WHERE p.id = s.product_id AND p.sold_by_weight;

CREATE OR REPLACE FUNCTION stocks_copy_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.plu, p.name, p.price, p.sold_by_weight
        INTO NEW.plu, NEW.product_name, NEW.price, NEW.sold_by_weight
    FROM products p WHERE p.id = NEW.product_id;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION products_copy_to_stocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stocks SET plu = NEW.plu, product_name = NEW.name, price = NEW.price,
                      sold_by_weight = NEW.sold_by_weight
    WHERE product_id = NEW.id;
    RETURN NULL;
END $$;

DROP TRIGGER products_copy_to_stocks ON products;
CREATE TRIGGER products_copy_to_stocks AFTER UPDATE OF plu, name, price, sold_by_weight ON products
    FOR EACH ROW
    WHEN (OLD.plu IS DISTINCT FROM NEW.plu OR OLD.name IS DISTINCT FROM NEW.name
          OR OLD.price IS DISTINCT FROM NEW.price
          OR OLD.sold_by_weight IS DISTINCT FROM NEW.sold_by_weight)
    EXECUTE FUNCTION products_copy_to_stocks();
