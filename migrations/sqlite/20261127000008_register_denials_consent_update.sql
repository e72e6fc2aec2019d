-- DOMAIN.md §4 as revised on 2026-11-26 (issue 11):
-- * a denial covers one register (scope 'register' with its kind), not a
--   whole provider; earlier 'provider' denials stay as set;
-- * a consent given before 2024 can be updated ('consent_updated');
-- * one emergency permission covers all denied prescriptions
--   ('prescription_emergency_allowed' / '..._withdrawn').
-- SQLite cannot change a CHECK constraint, so the table is rebuilt as in
-- migration 0005: renamed, made anew, its rows copied with their ids, its
-- index and append-only triggers made anew.
ALTER TABLE declaration RENAME TO declaration_before_0008;

CREATE TABLE declaration (
    id                    INTEGER PRIMARY KEY,
    citizen_id            INTEGER NOT NULL REFERENCES citizen (id),
    made_at               TEXT NOT NULL,
    actor                 TEXT NOT NULL CHECK (actor IN ('citizen', 'guardian', 'professional')),
    actor_citizen_id      INTEGER REFERENCES citizen (id),
    actor_provider_id     TEXT REFERENCES service_provider (id),
    event                 TEXT NOT NULL CHECK (event IN (
        'consent_given', 'consent_withdrawn', 'consent_updated', 'cross_consent_given', 'cross_consent_withdrawn',
        'denial_set', 'denial_cancelled', 'prescription_emergency_allowed', 'prescription_emergency_withdrawn')),
    sector                TEXT CHECK (sector IN ('healthcare', 'social_welfare')),
    cross_direction       TEXT CHECK (cross_direction IN ('healthcare_to_social_welfare', 'social_welfare_to_healthcare')),
    denial_scope          TEXT CHECK (denial_scope IN ('service_event', 'register', 'provider', 'prescription', 'comprehensive', 'uusimaa')),
    scope_service_event_id INTEGER REFERENCES service_event (id),
    scope_provider_id     TEXT REFERENCES service_provider (id),
    scope_prescription_id INTEGER REFERENCES prescription (id),
    allow_in_emergency    BOOLEAN,
    cancels_id            INTEGER REFERENCES declaration (id),
    -- A form's one-time key: a double submit records one event.
    idempotency_key       TEXT,
    scope_register_kind   TEXT CHECK (scope_register_kind IN ('patient', 'social_welfare_client', 'occupational_health')),
    CHECK ((actor = 'citizen' AND actor_citizen_id IS NULL AND actor_provider_id IS NULL)
        OR (actor = 'guardian' AND actor_citizen_id IS NOT NULL AND actor_provider_id IS NULL)
        OR (actor = 'professional' AND actor_citizen_id IS NULL AND actor_provider_id IS NOT NULL)),
    CHECK ((denial_scope = 'register') = (scope_register_kind IS NOT NULL AND scope_provider_id IS NOT NULL)
        OR (denial_scope IS NULL AND scope_register_kind IS NULL)),
    CONSTRAINT declaration_idempotency_per_citizen UNIQUE (citizen_id, idempotency_key)
);

INSERT INTO declaration (id, citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector,
    cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id,
    allow_in_emergency, cancels_id, idempotency_key)
SELECT id, citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector,
    cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id,
    allow_in_emergency, cancels_id, idempotency_key
FROM declaration_before_0008 ORDER BY id;
DROP TABLE declaration_before_0008;

CREATE INDEX declaration_by_citizen ON declaration (citizen_id, made_at, id);
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
