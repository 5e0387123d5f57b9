-- VAT (issue 17, item 5). Prices include VAT; each order line keeps the rate
-- it was sold at and the VAT in its amount, so receipts and the X and Z
-- reports total VAT by rate from the lines themselves, whatever the rates
-- list says later.

-- The rates a product may carry: a short code as the key (what products and
-- order lines name), a label for the lists, the rate in basis points (2000 =
-- 20 %), or NULL for goods sold without VAT ("no VAT" is not the same as a
-- 0 % rate on a fiscal receipt). A rate in use is never deleted, only
-- deactivated: a deactivated one stays on the products and lines that have it
-- but is no longer offered.
CREATE TABLE vat_rates (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9_-]{1,16}$'),
    label       text NOT NULL UNIQUE CHECK (length(btrim(label)) BETWEEN 1 AND 40),
    rate_bp     integer CHECK (rate_bp BETWEEN 0 AND 10000),
    active      boolean NOT NULL DEFAULT true,
    sort_order  integer NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- Two rates with one percentage would split one total in two on a receipt.
CREATE UNIQUE INDEX vat_rates_one_per_rate ON vat_rates (coalesce(rate_bp, -1));

INSERT INTO vat_rates (code, label, rate_bp, sort_order) VALUES
    ('vat20', '20 %', 2000, 1),
    ('vat10', '10 %', 1000, 2),
    ('vat0', '0 %', 0, 3),
    ('novat', 'No VAT', NULL, 4);

-- Every product has a rate. Existing products (and products that arrive
-- without one, from the catalog feed of a head office that does not send
-- VAT yet) get the standard 20 %: most goods are standard-rated, and the
-- reduced rates (food, children's goods, books) are a choice someone must
-- make per product; charging too little VAT is the costlier mistake.
ALTER TABLE products ADD COLUMN vat_code text NOT NULL DEFAULT 'vat20'
    REFERENCES vat_rates (code);

-- The rate a line was sold at (the code and its basis points then; NULL
-- for no VAT), what the line cost after its share of the order's discount
-- (the base VAT is taken from) and the VAT included in it, in minor units.
ALTER TABLE order_lines
    ADD COLUMN vat_code text REFERENCES vat_rates (code),
    ADD COLUMN vat_rate integer CHECK (vat_rate BETWEEN 0 AND 10000),
    ADD COLUMN net_amount bigint NOT NULL DEFAULT 0 CHECK (net_amount >= 0),
    ADD COLUMN vat_amount bigint NOT NULL DEFAULT 0 CHECK (vat_amount >= 0),
    ADD CHECK (vat_amount <= net_amount);

-- Lines sold before this migration: the product's rate (20 % for all of them
-- now), on the line's share of the order's total (the discount spread in
-- proportion to the line amounts; rounding may leave a kopeck off the
-- order's total here, which OrderVat avoids for new sales).
WITH net AS (
    SELECT l.id, p.vat_code, r.rate_bp,
        coalesce(round(CASE WHEN l.weighed THEN round(l.qty::numeric * l.unit_price / 1000)
                            ELSE l.qty::numeric * l.unit_price END
                       * o.total / nullif(o.subtotal, 0)), 0) AS amount
    FROM order_lines l JOIN products p ON p.id = l.product_id
    JOIN vat_rates r ON r.code = p.vat_code JOIN orders o ON o.id = l.order_id)
UPDATE order_lines l SET vat_code = n.vat_code, vat_rate = n.rate_bp, net_amount = n.amount,
    vat_amount = coalesce(round(n.amount * n.rate_bp / (10000 + n.rate_bp)), 0)
FROM net n WHERE n.id = l.id;
ALTER TABLE order_lines ALTER COLUMN vat_code SET NOT NULL;

-- What each return took back, line by line: the units, their share of the
-- line's net amount and of its VAT, so the X and Z reports subtract VAT at
-- the rate it was charged. Returns made before this
-- migration have no rows here (their VAT stays in the shift it was sold in).
CREATE TABLE order_return_lines (
    return_id   bigint NOT NULL REFERENCES order_returns (id),
    order_id    bigint NOT NULL,
    line_no     integer NOT NULL,
    qty         integer NOT NULL CHECK (qty > 0),
    net_amount  bigint NOT NULL CHECK (net_amount >= 0),
    vat_amount  bigint NOT NULL CHECK (vat_amount >= 0),
    PRIMARY KEY (return_id, line_no),
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
);
