-- The head office's staff work in central's database with the desktop
-- (head-office mode): their role is head_office. The catalog, promotions and
-- customers are theirs; they sell nothing and change no shop's stock.
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
    CHECK (role IN ('cashier', 'stock_keeper', 'manager', 'admin', 'head_office'));
