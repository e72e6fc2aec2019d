-- Vaccinations (issue 13): a vaccination entry's vaccine and the dose's
-- number in its series (1 for the first dose), so every vaccination can be
-- listed with its vaccine, dose and date.
CREATE TABLE vaccination (
    entry_id   INTEGER PRIMARY KEY REFERENCES entry (id),
    citizen_id INTEGER NOT NULL REFERENCES citizen (id),
    vaccine    TEXT NOT NULL,
    dose       INTEGER NOT NULL CHECK (dose > 0)
);
CREATE INDEX vaccination_by_citizen ON vaccination (citizen_id);
