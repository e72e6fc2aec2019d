-- The consent to disclose the patient summary to healthcare abroad
-- (DOMAIN.md §8) is an abroad consent of the declaration table whose
-- `abroad_disclosure` says what it discloses: NULL for prescriptions (every
-- consent before this one), 'patient_summary' for the summary. It reaches
-- every country that receives Finnish patient summaries
-- (`abroad_all_countries` true); those are data, as the pharmacies'
-- countries are, so that one joining is a row.
ALTER TABLE declaration ADD COLUMN abroad_disclosure TEXT CHECK (abroad_disclosure IN ('patient_summary'));

CREATE TABLE summary_abroad_country (
    code     TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
    name_fi  TEXT NOT NULL,
    name_sv  TEXT NOT NULL,
    name_en  TEXT NOT NULL
);
INSERT INTO summary_abroad_country (code, name_fi, name_sv, name_en) VALUES
    ('LV', 'Latvia', 'Lettland', 'Latvia'),
    ('NO', 'Norja', 'Norge', 'Norway');
