-- The living will, the organ donation testament and the consent to
-- disclose prescriptions abroad (issue 12, DOMAIN.md §8) are declarations:
-- new events of the append-only declaration table, their texts and
-- choices in its new columns, the chosen countries in a table of their own.
ALTER TABLE declaration DROP CONSTRAINT declaration_event_check;
ALTER TABLE declaration ADD CONSTRAINT declaration_event_check CHECK (event IN (
    'consent_given', 'consent_withdrawn', 'consent_updated', 'cross_consent_given', 'cross_consent_withdrawn',
    'denial_set', 'denial_cancelled', 'prescription_emergency_allowed', 'prescription_emergency_withdrawn',
    'living_will_saved', 'living_will_withdrawn', 'organ_donation_declared', 'organ_donation_withdrawn',
    'abroad_consent_given', 'abroad_consent_withdrawn'));
ALTER TABLE declaration
    ADD COLUMN living_will_care TEXT CHECK (char_length(living_will_care) <= 4000),
    ADD COLUMN living_will_end_of_life TEXT CHECK (char_length(living_will_end_of_life) <= 4000),
    ADD COLUMN living_will_person TEXT CHECK (char_length(living_will_person) <= 500),
    ADD COLUMN organ_donate BOOLEAN,
    ADD COLUMN organ_restriction TEXT CHECK (char_length(organ_restriction) <= 500),
    ADD COLUMN abroad_all_countries BOOLEAN,
    ADD CONSTRAINT declaration_living_will_check CHECK ((event = 'living_will_saved') = (living_will_care IS NOT NULL)),
    ADD CONSTRAINT declaration_organ_check CHECK ((event = 'organ_donation_declared') = (organ_donate IS NOT NULL)),
    ADD CONSTRAINT declaration_abroad_check CHECK ((event = 'abroad_consent_given') = (abroad_all_countries IS NOT NULL));

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
    declaration_id BIGINT NOT NULL REFERENCES declaration (id),
    country_code   TEXT NOT NULL REFERENCES abroad_country (code),
    PRIMARY KEY (declaration_id, country_code)
);

CREATE TRIGGER declaration_abroad_country_append_only BEFORE UPDATE OR DELETE ON declaration_abroad_country
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER declaration_abroad_country_no_truncate BEFORE TRUNCATE ON declaration_abroad_country
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
