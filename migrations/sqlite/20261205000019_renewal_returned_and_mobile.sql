-- A renewal request may be returned to the citizen (e.g. to book an
-- appointment instead). "Expired" is never stored: a request still sent
-- eight days after it was sent has expired, derived from time. SQLite
-- cannot change a CHECK: the table is rebuilt, rows and triggers kept.
CREATE TABLE renewal_request_state_new (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES renewal_request (id),
    state      TEXT NOT NULL CHECK (state IN ('in_progress', 'renewed', 'declined', 'returned')),
    at         TEXT NOT NULL
);
INSERT INTO renewal_request_state_new (id, request_id, state, at)
    SELECT id, request_id, state, at FROM renewal_request_state;
DROP TABLE renewal_request_state;
ALTER TABLE renewal_request_state_new RENAME TO renewal_request_state;
CREATE INDEX renewal_request_state_by_request ON renewal_request_state (request_id, at);
CREATE TRIGGER renewal_request_state_no_update BEFORE UPDATE ON renewal_request_state
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;
CREATE TRIGGER renewal_request_state_no_delete BEFORE DELETE ON renewal_request_state
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;

-- An optional Finnish mobile number (international form) for a text
-- message about the result; nothing is sent here.
ALTER TABLE renewal_request ADD COLUMN mobile TEXT CHECK (mobile IS NULL OR length(mobile) <= 20);
