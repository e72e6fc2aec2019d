-- A copy of the record downloaded (the patient summary as an IPS document,
-- or the whole record as FHIR R4): an audit event, `detail` naming which.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_kind_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_kind_check CHECK (kind IN ('login', 'login_failed',
    'login_throttled', 'logout', 'session_expired', 'acting_for', 'acting_for_self', 'access_refused',
    'identification_failed', 'copy_downloaded'));
