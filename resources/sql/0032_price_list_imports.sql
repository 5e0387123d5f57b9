-- Suppliers' price lists (issue 18, item 6). Which column of a supplier's
-- file feeds which field (PLU, barcode, name, purchase and retail price,
-- category path) is chosen once and kept with the supplier, so the next
-- file from them opens with the same choice. NULL until a list is applied.
-- The rows themselves are staged at run time in a temporary table of the
-- importing session (dropped at commit), so nothing here grows with them.
ALTER TABLE suppliers ADD COLUMN price_list_columns jsonb
    CHECK (price_list_columns IS NULL OR jsonb_typeof(price_list_columns) = 'object');
