-- The log the citizen reads is of disclosures through Kanta (DOMAIN.md §7):
-- which organisation received which data, when, and on which basis. Rows
-- logged before this have none recorded.
ALTER TABLE professional_viewing ADD COLUMN basis TEXT
    CHECK (basis IS NULL OR basis IN ('consent', 'uusimaa', 'emergency', 'prescription_in_care', 'prescription_dispensing'));
