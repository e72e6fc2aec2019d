-- Registers, records, prescriptions, declarations of intent, guardianship and
-- professionals' viewings (DOMAIN.md §1, §4, §6, §7).
-- Declarations and viewings are append-only: triggers refuse UPDATE and DELETE.

-- Fictional private providers and pharmacies.
INSERT INTO service_provider (id, kind, name_fi, name_sv, name_en, uusimaa_party) VALUES
('lahiklinikka', 'private', 'Lähiklinikka Oy', 'Lähiklinikka Ab', 'Lähiklinikka Ltd', FALSE),
('kide-terveys', 'private', 'Kide Terveys Oy', 'Kide Hälsa Ab', 'Kide Health Ltd', FALSE),
('apteekki-kauppatori', 'pharmacy', 'Kauppatorin apteekki', 'Salutorgets apotek', 'Kauppatori Pharmacy', FALSE),
('apteekki-hervanta', 'pharmacy', 'Hervannan apteekki', 'Hervanta apotek', 'Hervanta Pharmacy', FALSE),
('apteekki-tahti', 'pharmacy', 'Turun Tähti-apteekki', 'Åbo Stjärnapotek', 'Turku Star Pharmacy', FALSE);

CREATE TABLE register (
    id          TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES service_provider (id),
    kind        TEXT NOT NULL CHECK (kind IN ('patient', 'social_welfare_client', 'occupational_health')),
    UNIQUE (provider_id, kind)
);

CREATE TABLE unit (
    id          TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES service_provider (id),
    name        TEXT NOT NULL
);

CREATE TABLE service_event (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen (id),
    register_id TEXT NOT NULL REFERENCES register (id),
    unit_id     TEXT NOT NULL REFERENCES unit (id),
    started_on  TEXT NOT NULL,
    -- Social welfare: the service (e.g. home care); healthcare: the reason for the visit.
    title       TEXT NOT NULL
);
CREATE INDEX service_event_by_citizen ON service_event (citizen_id, started_on, id);

CREATE TABLE entry (
    id               INTEGER PRIMARY KEY,
    service_event_id INTEGER NOT NULL REFERENCES service_event (id),
    citizen_id       INTEGER NOT NULL REFERENCES citizen (id),
    kind             TEXT NOT NULL CHECK (kind IN (
        'visit_summary', 'diagnosis', 'laboratory_result', 'imaging_study', 'vaccination',
        'critical_risk', 'referral', 'measurement', 'procedure', 'care_plan', 'certificate',
        'client_document')),
    recorded_on      TEXT NOT NULL,
    -- What the professional wrote, in the language it was written in.
    text             TEXT NOT NULL
);
CREATE INDEX entry_by_citizen ON entry (citizen_id, recorded_on, id);
CREATE INDEX entry_by_event ON entry (service_event_id);

CREATE TABLE prescription (
    id                INTEGER PRIMARY KEY,
    citizen_id        INTEGER NOT NULL REFERENCES citizen (id),
    prescriber_provider_id TEXT NOT NULL REFERENCES service_provider (id),
    prescriber_unit_id     TEXT NOT NULL REFERENCES unit (id),
    medicine          TEXT NOT NULL,
    strength          TEXT NOT NULL,
    dosage            TEXT NOT NULL,
    prescribed_on     TEXT NOT NULL,
    valid_until       TEXT NOT NULL,
    amount            INTEGER NOT NULL CHECK (amount > 0),
    amount_unit       TEXT NOT NULL
);
CREATE INDEX prescription_by_citizen ON prescription (citizen_id, prescribed_on, id);

CREATE TABLE dispensing (
    id              INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES prescription (id),
    pharmacy_id     TEXT NOT NULL REFERENCES service_provider (id),
    dispensed_on    TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount > 0)
);
CREATE INDEX dispensing_by_prescription ON dispensing (prescription_id);

CREATE TABLE guardianship (
    guardian_id INTEGER NOT NULL REFERENCES citizen (id),
    child_id    INTEGER NOT NULL REFERENCES citizen (id),
    PRIMARY KEY (guardian_id, child_id)
);

-- One row per declaration event. Which columns are set depends on `event`.
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
    idempotency_key       TEXT UNIQUE,
    CHECK ((actor = 'citizen' AND actor_citizen_id IS NULL AND actor_provider_id IS NULL)
        OR (actor = 'guardian' AND actor_citizen_id IS NOT NULL AND actor_provider_id IS NULL)
        OR (actor = 'professional' AND actor_citizen_id IS NULL AND actor_provider_id IS NOT NULL))
);
CREATE INDEX declaration_by_citizen ON declaration (citizen_id, made_at, id);

CREATE TABLE professional_viewing (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen (id),
    provider_id TEXT NOT NULL REFERENCES service_provider (id),
    unit_id     TEXT NOT NULL REFERENCES unit (id),
    viewed_at   TEXT NOT NULL,
    what        TEXT NOT NULL,
    purpose     TEXT NOT NULL CHECK (purpose IN ('treatment', 'emergency', 'social_welfare_service', 'dispensing'))
);
CREATE INDEX professional_viewing_by_citizen ON professional_viewing (citizen_id, viewed_at);

CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER professional_viewing_no_update BEFORE UPDATE ON professional_viewing
BEGIN SELECT RAISE(ABORT, 'the viewing log is append-only'); END;
CREATE TRIGGER professional_viewing_no_delete BEFORE DELETE ON professional_viewing
BEGIN SELECT RAISE(ABORT, 'the viewing log is append-only'); END;
