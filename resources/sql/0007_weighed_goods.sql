-- Goods sold by weight (fruit, cheese at the counter): the price is per
-- kilogram and their stock is counted in grams, so a scale's barcode
-- (EAN-13 starting with 2) turns into a line of so many grams.
ALTER TABLE products ADD COLUMN sold_by_weight boolean NOT NULL DEFAULT false;
-- A line of grams: its amount is the price per kg × grams / 1000, rounded.
ALTER TABLE order_lines ADD COLUMN weighed boolean NOT NULL DEFAULT false;
