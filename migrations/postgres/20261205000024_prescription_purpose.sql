-- What the medicine is for (käyttötarkoitus), as the prescriber wrote it on
-- the prescription, e.g. "Verenpaineen hoitoon". Older prescriptions may
-- have none.
ALTER TABLE prescription ADD COLUMN purpose TEXT;
