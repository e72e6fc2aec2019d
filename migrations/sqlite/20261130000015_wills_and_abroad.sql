-- The living will, the organ donation testament and the consent to
-- disclose prescriptions abroad (issue 12, DOMAIN.md §8) are declarations:
-- new events of the append-only declaration table, their texts and
-- choices in its new columns, the chosen countries in a table of their own.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt as in
-- migration 0008.
ALTER TABLE declaration RENAME TO declaration_before_0015;

CREATE TABLE declaration (
    id                    INTEGER PRIMARY KEY,
    citizen_id            INTEGER NOT NULL REFERENCES citizen (id),
    made_at               TEXT NOT NULL,
    actor                 TEXT NOT NULL CHECK (actor IN ('citizen', 'guardian', 'professional')),
    actor_citizen_id      INTEGER REFERENCES citizen (id),
    actor_provider_id     TEXT REFERENCES service_provider (id),
    event                 TEXT NOT NULL CHECK (event IN (
        'consent_given', 'consent_withdrawn', 'consent_updated', 'cross_consent_given', 'cross_consent_withdrawn',
        'denial_set', 'denial_cancelled', 'prescription_emergency_allowed', 'prescription_emergency_withdrawn',
        'living_will_saved', 'living_will_withdrawn', 'organ_donation_declared', 'organ_donation_withdrawn',
        'abroad_consent_given', 'abroad_consent_withdrawn')),
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
    -- A living will's sections, as typed ('living_will_saved').
    living_will_care      TEXT CHECK (length(living_will_care) <= 4000),
    living_will_end_of_life TEXT CHECK (length(living_will_end_of_life) <= 4000),
    living_will_person    TEXT CHECK (length(living_will_person) <= 500),
    -- An organ donation testament ('organ_donation_declared').
    organ_donate          BOOLEAN,
    organ_restriction     TEXT CHECK (length(organ_restriction) <= 500),
    -- A consent to disclose prescriptions abroad ('abroad_consent_given'):
    -- every participating country, or those in declaration_abroad_country.
    abroad_all_countries  BOOLEAN,
    CHECK ((actor = 'citizen' AND actor_citizen_id IS NULL AND actor_provider_id IS NULL)
        OR (actor = 'guardian' AND actor_citizen_id IS NOT NULL AND actor_provider_id IS NULL)
        OR (actor = 'professional' AND actor_citizen_id IS NULL AND actor_provider_id IS NOT NULL)),
    CHECK ((denial_scope = 'register') = (scope_register_kind IS NOT NULL AND scope_provider_id IS NOT NULL)
        OR (denial_scope IS NULL AND scope_register_kind IS NULL)),
    CHECK ((event = 'living_will_saved') = (living_will_care IS NOT NULL)),
    CHECK ((event = 'organ_donation_declared') = (organ_donate IS NOT NULL)),
    CHECK ((event = 'abroad_consent_given') = (abroad_all_countries IS NOT NULL)),
    CONSTRAINT declaration_idempotency_per_citizen UNIQUE (citizen_id, idempotency_key)
);

INSERT INTO declaration (id, citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector,
    cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id,
    allow_in_emergency, cancels_id, idempotency_key, scope_register_kind)
SELECT id, citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector,
    cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id,
    allow_in_emergency, cancels_id, idempotency_key, scope_register_kind
FROM declaration_before_0015 ORDER BY id;
DROP TABLE declaration_before_0015;

CREATE INDEX declaration_by_citizen ON declaration (citizen_id, made_at, id);
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;

-- The countries whose pharmacies take part in disclosing Finnish
-- prescriptions (DOMAIN.md §8): data, so that one joining is a row.
CREATE TABLE abroad_country (
    code     TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
    name_fi  TEXT NOT NULL,
    name_sv  TEXT NOT NULL,
    name_en  TEXT NOT NULL
);
INSERT INTO abroad_country (code, name_fi, name_sv, name_en) VALUES
    ('EE', 'Viro', 'Estland', 'Estonia'),
    ('HR', 'Kroatia', 'Kroatien', 'Croatia'),
    ('PT', 'Portugali', 'Portugal', 'Portugal'),
    ('ES', 'Espanja', 'Spanien', 'Spain'),
    ('PL', 'Puola', 'Polen', 'Poland'),
    ('CZ', 'Tšekki', 'Tjeckien', 'Czechia');

-- The chosen countries of a consent to disclose prescriptions abroad.
-- Append-only, like the declaration it belongs to.
CREATE TABLE declaration_abroad_country (
    declaration_id INTEGER NOT NULL REFERENCES declaration (id),
    country_code   TEXT NOT NULL REFERENCES abroad_country (code),
    PRIMARY KEY (declaration_id, country_code)
);

CREATE TRIGGER declaration_abroad_country_no_update BEFORE UPDATE ON declaration_abroad_country
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
CREATE TRIGGER declaration_abroad_country_no_delete BEFORE DELETE ON declaration_abroad_country
BEGIN SELECT RAISE(ABORT, 'declarations are append-only'); END;
