-- Orders: a human-friendly number per till, counted without gaps between
-- tills racing for the next one (the counter row is locked until commit).
CREATE TABLE till_counters (
    shop_id     bigint NOT NULL REFERENCES shops (id),
    till        text NOT NULL CHECK (till ~ '^[A-Za-z0-9_-]{1,16}$'),
    last_number bigint NOT NULL,
    PRIMARY KEY (shop_id, till)
);

-- Why an order failed (which line lacked stock and how much there was), for
-- the cashier and the Orders page; who cancelled or approved a return.
ALTER TABLE orders
    ADD COLUMN failure text NOT NULL DEFAULT '',
    ADD COLUMN closed_by bigint REFERENCES staff (id),
    ADD COLUMN approved_by bigint REFERENCES staff (id);

-- The Orders page filters by status and cashier, newest first.
CREATE INDEX orders_status_created ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_staff_created ON orders (staff_id, created_at DESC, id DESC);
