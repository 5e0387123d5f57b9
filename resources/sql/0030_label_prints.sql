-- Shelf labels are printed shop by shop (issue 17): in a database that holds
-- several shops (or central's, in head-office mode) each shop prints its own
-- tags. A label waits for a shop until that shop has printed its current
-- revision; a price that changes again refreshes the label (0019) and it
-- waits again everywhere. label_queue.printed_at keeps the tags printed
-- before this migration, closed for every shop.
CREATE TABLE label_prints (
    label_id   bigint NOT NULL REFERENCES label_queue (id) ON DELETE CASCADE,
    shop_id    bigint NOT NULL REFERENCES shops (id),
    revision   integer NOT NULL,
    printed_at timestamptz NOT NULL DEFAULT now(),
    printed_by bigint REFERENCES staff (id),
    PRIMARY KEY (label_id, shop_id)
);
