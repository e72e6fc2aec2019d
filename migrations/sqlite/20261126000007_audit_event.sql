-- The audit log (issue 16): logins (succeeded, failed, throttled), logouts,
-- sessions ended at their absolute lifetime, acting for a child and back,
-- and refused access to someone else's data; with the client's address.
-- Append-only. Login throttling counts the failures in it, so every instance
-- sees the same count.
CREATE TABLE audit_event (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('login', 'login_failed', 'login_throttled', 'logout',
                       'session_expired', 'acting_for', 'acting_for_self', 'access_refused')),
    -- The person whose session it is (NULL: not known, e.g. a failed login of an unknown code).
    citizen_id     INTEGER REFERENCES citizen (id),
    -- Whose data: the child acted for, or the one whose data was refused.
    subject_id     INTEGER REFERENCES citizen (id),
    -- A login attempt's identity code (well-formed codes only).
    identity_code  TEXT,
    client_address TEXT
);
CREATE INDEX audit_event_by_code ON audit_event (identity_code, at);
CREATE INDEX audit_event_by_address ON audit_event (client_address, at);
CREATE INDEX audit_event_by_citizen ON audit_event (citizen_id, at);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
