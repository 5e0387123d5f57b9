-- Promotions (issue 17, item 4): promo codes a manager creates and edits in
-- the app, with limits the till enforces in the order's transaction, an
-- optional list of the products a code discounts, and each order line's
-- share of the discount kept on the line.
--
-- The code (text) stays the natural key, so codes can later be sent from
-- the head office in the catalog feed the way products travel by PLU.

-- Who made and last changed a code; how often it may be used in all and by
-- one customer (NULL: no limit). An amount off is bounded like a price. An
-- automatic one is a promotion with no code to type: the till applies it by
-- itself to a sale it suits (its code is then only its name).
ALTER TABLE promo_codes
    ADD COLUMN automatic boolean NOT NULL DEFAULT false,
    ADD COLUMN max_uses integer CHECK (max_uses >= 1),
    ADD COLUMN max_uses_per_customer integer CHECK (max_uses_per_customer >= 1),
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN created_by bigint REFERENCES staff (id),
    ADD COLUMN updated_by bigint REFERENCES staff (id),
    ADD CONSTRAINT promo_codes_amount_bound CHECK (kind <> 'amount' OR value <= 10000000000),
    ADD CONSTRAINT promo_codes_min_total_bound CHECK (min_total <= 10000000000);

-- A code limited to some products discounts only their lines; a code with
-- no rows here discounts the whole order.
CREATE TABLE promo_code_products (
    promo_code_id bigint NOT NULL REFERENCES promo_codes (id) ON DELETE CASCADE,
    product_id    bigint NOT NULL REFERENCES products (id),
    PRIMARY KEY (promo_code_id, product_id)
);

-- A use of a code is an order that names it and was not failed or
-- cancelled (awaiting payment holds its use like it holds its stock); the
-- limits and the uses report count them by code, and by code and customer.
CREATE INDEX orders_promo_code ON orders (promo_code_id, customer_id)
    WHERE promo_code_id IS NOT NULL;

-- Each line's share of the order's discount (OrderVat spreads it over the
-- lines the code applies to, by the largest remainder, so the lines add up
-- to orders.discount). Lines sold before: what their gross amount and their
-- net amount (0021) differ by.
ALTER TABLE order_lines ADD COLUMN discount bigint NOT NULL DEFAULT 0 CHECK (discount >= 0);
UPDATE order_lines l
SET discount = greatest(0, CASE WHEN l.weighed THEN round(l.qty::numeric * l.unit_price / 1000)
                                ELSE l.qty::numeric * l.unit_price END - l.net_amount)
FROM orders o WHERE o.id = l.order_id AND o.discount > 0;
