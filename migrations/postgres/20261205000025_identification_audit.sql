-- Strong identification through an OpenID provider: a failed identification
-- is an audit event of its own, and every identification event says in
-- `detail` how it went (the level of assurance of a login, or the cause of
-- a failure: a wrong state, a replayed code, a wrong nonce, an unknown person…).
ALTER TABLE audit_event DROP CONSTRAINT audit_event_kind_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_kind_check CHECK (kind IN ('login', 'login_failed',
    'login_throttled', 'logout', 'session_expired', 'acting_for', 'acting_for_self', 'access_refused',
    'identification_failed'));
ALTER TABLE audit_event ADD COLUMN detail TEXT;
