-- A form's one-time key is unique per citizen, not across all citizens: it is
-- looked up per citizen, and a guardian's page and a child's may carry the
-- same key. SQLite cannot drop a column's UNIQUE, so the table is rebuilt
-- (renamed first, so `cancels_id` of the new table refers to itself), its
-- rows copied with their ids, and its index and append-only triggers made anew.
ALTER TABLE declaration RENAME TO declaration_before_0005;

CREATE TABLE declaration (
    id                    INTEGER PRIMARY KEY,
    citizen_id            INTEGER NOT NULL REFERENCES citizen (id),
    made_at               TEXT NOT NULL,
    actor                 TEXT NOT NULL CHECK (actor IN ('citizen', 'guardian', 'professional')),
    actor_citizen_id      INTEGER REFERENCES citizen (id),
    actor_provider_id     TEXT REFERENCES service_provider (id),
    event                 TEXT NOT NULL CHECK (event IN (
        'consent_given', 'consent_withdrawn', 'cross_consent_given', 'cross_consent_withdrawn',
        'denial_set', 'denial_cancelled')),
    sector                TEXT CHECK (sector IN ('healthcare', 'social_welfare')),
    cross_direction       TEXT CHECK (cross_direction IN ('healthcare_to_social_welfare', 'social_welfare_to_healthcare')),
    denial_scope          TEXT CHECK (denial_scope IN ('service_event', 'provider', 'prescription', 'comprehensive', 'uusimaa')),
    scope_service_event_id INTEGER REFERENCES service_event (id),
    scope_provider_id     TEXT REFERENCES service_provider (id),
    scope_prescription_id INTEGER REFERENCES prescription (id),
    allow_in_emergency    BOOLEAN,
    cancels_id            INTEGER REFERENCES declaration (id),
    -- A form's one-time key: a double submit records one event.
    idempotency_key       TEXT,
    CHECK ((actor = 'citizen' AND actor_citizen_id IS NULL AND actor_provider_id IS NULL)
        OR (actor = 'guardian' AND actor_citizen_id IS NOT NULL AND actor_provider_id IS NULL)
        OR (actor = 'professional' AND actor_citizen_id IS NULL AND actor_provider_id IS NOT NULL)),
    CONSTRAINT declaration_idempotency_per_citizen UNIQUE (citizen_id, idempotency_key)
);

INSERT INTO declaration SELECT * FROM declaration_before_0005 ORDER BY id;
DROP TABLE declaration_before_0005;

CREATE INDEX declaration_by_citizen ON declaration (citizen_id, made_at, id);
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
