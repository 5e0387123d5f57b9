-- Finding a customer by phone and e-mail on a million rows, as the name is
-- found through customers_name_trgm:
--  * the phone's digits only, whatever formatting it was typed with
--    ("+7 (916) 123-45-67" is found by "9161234567" and by "123 45 67");
--  * the e-mail, any part of it.
CREATE INDEX customers_phone_digits_trgm ON customers
    USING gin ((regexp_replace(phone, '[^0-9]', '', 'g')) gin_trgm_ops);
CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);
