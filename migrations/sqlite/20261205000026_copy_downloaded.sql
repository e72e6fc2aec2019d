-- A copy of the record downloaded (the patient summary as an IPS document,
-- or the whole record as FHIR R4): an audit event, `detail` naming which.
-- SQLite cannot change a CHECK: the table is built again with the same rows
-- (nothing else refers to it) and its indexes and append-only triggers.
CREATE TABLE audit_event_new (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('login', 'login_failed', 'login_throttled', 'logout',
                       'session_expired', 'acting_for', 'acting_for_self', 'access_refused',
                       'identification_failed', 'copy_downloaded')),
    citizen_id     INTEGER REFERENCES citizen (id),
    subject_id     INTEGER REFERENCES citizen (id),
    identity_code  TEXT,
    client_address TEXT,
    detail         TEXT
);
INSERT INTO audit_event_new (id, at, kind, citizen_id, subject_id, identity_code, client_address, detail)
    SELECT id, at, kind, citizen_id, subject_id, identity_code, client_address, detail FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_new RENAME TO audit_event;
CREATE INDEX audit_event_by_code ON audit_event (identity_code, at);
CREATE INDEX audit_event_by_address ON audit_event (client_address, at);
CREATE INDEX audit_event_by_citizen ON audit_event (citizen_id, at);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
