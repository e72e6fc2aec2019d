-- A prescription's medicine as a clinician reads it: its pharmaceutical form
-- (lääkemuoto) and ATC code. Prescriptions written before this have neither.
ALTER TABLE prescription ADD COLUMN pharmaceutical_form TEXT;
ALTER TABLE prescription ADD COLUMN atc_code TEXT;
