-- Wellbeing data (DOMAIN.md §8; the Kanta PHR, seed 004).
--
-- A consent to share wellbeing data with a sector is a consent of the
-- declaration table whose `consent_data` says what it shares: NULL for the
-- patient or client data of its sector (every consent before this one),
-- 'wellbeing' for the wellbeing data.
ALTER TABLE declaration ADD COLUMN consent_data TEXT CHECK (consent_data IN ('wellbeing'));

-- A measurement the person (or a guardian for a child: `recorded_by`)
-- recorded: blood pressure in mmHg with an optional pulse; weight and
-- blood glucose in tenths (of a kilogram, of a mmol/l). A correction is a
-- new row naming the one it corrects (each at most once). Append-only.
CREATE TABLE wellbeing_measurement (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizen (id),
    kind            TEXT NOT NULL CHECK (kind IN ('blood_pressure', 'weight', 'blood_glucose')),
    measured_at     TEXT NOT NULL,
    systolic        INTEGER CHECK (systolic BETWEEN 50 AND 300),
    diastolic       INTEGER CHECK (diastolic BETWEEN 30 AND 200),
    pulse           INTEGER CHECK (pulse BETWEEN 25 AND 250),
    tenths          INTEGER CHECK (tenths BETWEEN 5 AND 4000),
    recorded_at     TEXT NOT NULL,
    recorded_by     INTEGER REFERENCES citizen (id),
    corrects_id     INTEGER UNIQUE REFERENCES wellbeing_measurement (id),
    idempotency_key TEXT,
    CHECK ((kind = 'blood_pressure') = (systolic IS NOT NULL AND diastolic IS NOT NULL AND tenths IS NULL)),
    CHECK (kind = 'blood_pressure' OR (tenths IS NOT NULL AND pulse IS NULL)),
    CHECK (diastolic < systolic),
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX wellbeing_measurement_by_citizen ON wellbeing_measurement (citizen_id, measured_at);

CREATE TRIGGER wellbeing_measurement_no_update BEFORE UPDATE ON wellbeing_measurement
BEGIN SELECT RAISE(ABORT, 'wellbeing measurements are append-only'); END;
CREATE TRIGGER wellbeing_measurement_no_delete BEFORE DELETE ON wellbeing_measurement
BEGIN SELECT RAISE(ABORT, 'wellbeing measurements are append-only'); END;
