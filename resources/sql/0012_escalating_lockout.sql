-- Lockouts in a row since the last good sign-in: each one lasts twice as long
-- as the one before (a minute, two, four ... at most an hour), so guessing a
-- four-digit PIN takes months instead of a day and a half.
ALTER TABLE staff ADD COLUMN lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0);
