-- A price changed at the till for one line, with the manager who approved
-- it: the catalog's price then is kept beside the price charged.
ALTER TABLE order_lines
    ADD COLUMN catalog_price bigint CHECK (catalog_price >= 0),
    ADD COLUMN price_approved_by bigint REFERENCES staff (id),
    ADD CHECK ((catalog_price IS NULL) = (price_approved_by IS NULL));
