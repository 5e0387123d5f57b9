-- Promotions limited to categories (issue 17, item 4) and promo codes that
-- come from the head office in the catalog feed.

-- A code limited to categories discounts the lines of the products in them
-- and in their subcategories (with promo_code_products: in either). A
-- category a code names cannot be deleted (the code would silently become
-- a discount on everything): CategoryStore says which code holds it.
CREATE TABLE promo_code_categories (
    promo_code_id bigint NOT NULL REFERENCES promo_codes (id) ON DELETE CASCADE,
    category_id   bigint NOT NULL REFERENCES categories (id),
    PRIMARY KEY (promo_code_id, category_id)
);
CREATE INDEX promo_code_categories_category ON promo_code_categories (category_id);

-- In a shop: the code was made at the head office and came with the feed;
-- the shop uses it but does not change it (central's copy is the one the
-- head office edits). Central's own codes, and a shop's, are false.
ALTER TABLE promo_codes ADD COLUMN from_central boolean NOT NULL DEFAULT false;
