-- The customer grid sorts by every column with keyset paging on (column, id).
CREATE INDEX customers_gender_id ON customers (gender, id);
CREATE INDEX customers_problems_id ON customers (problems, id);
