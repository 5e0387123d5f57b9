-- Write-offs (issue 18, item 5): goods taken off the shelf for a reason
-- (spoiled, damaged, expired, theft, own use, or one the shop adds), a
-- further kind of stock document (0031). Drafted, then posted in one
-- transaction that takes every line off the shelf with history rows naming
-- the document, its reason and the manager who approved it; never edited
-- after. Above a value threshold (app_state 'write_off_approval_threshold',
-- minor units) posting needs a manager's password or PIN.

-- The reasons a stock keeper chooses from. The seeded codes are shown in the
-- user's language; a reason the shop adds is shown by its stored name. A
-- reason in use is switched off, never deleted.
CREATE TABLE write_off_reasons (
    code   text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
    name   text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    active boolean NOT NULL DEFAULT true
);
INSERT INTO write_off_reasons (code, name) VALUES
    ('spoiled', 'Spoiled'),
    ('damaged', 'Damaged'),
    ('expired', 'Expired'),
    ('theft', 'Theft'),
    ('own_use', 'Own use');

ALTER TABLE stock_documents DROP CONSTRAINT stock_documents_kind_check;
ALTER TABLE stock_documents ADD CONSTRAINT stock_documents_kind_check
    CHECK (kind IN ('receipt', 'write_off'));
-- A write-off's reason, and the manager who approved it when its value was
-- above the threshold (NULL: none was needed).
ALTER TABLE stock_documents ADD COLUMN reason_code text REFERENCES write_off_reasons (code);
ALTER TABLE stock_documents ADD COLUMN approved_by bigint REFERENCES staff (id);
ALTER TABLE stock_documents ADD CONSTRAINT stock_documents_write_off_reason
    CHECK (kind <> 'write_off' OR reason_code IS NOT NULL);

-- Posting needs a manager's approval above a value kept in app_state
-- ('write_off_approval_threshold', set by a manager); until one is set,
-- WriteOffStore uses 1,000.00. Nothing is seeded here: app_state holds only
-- what someone chose (the demo data's cancel leaves it empty).

ALTER TABLE history DROP CONSTRAINT history_action_check;
ALTER TABLE history ADD CONSTRAINT history_action_check CHECK (action IN ('product_created',
    'product_changed', 'stock_created', 'stock_increased', 'stock_decreased', 'reserved',
    'released', 'sold', 'returned', 'stocktake', 'received', 'receipt_cancelled',
    'written_off'));
