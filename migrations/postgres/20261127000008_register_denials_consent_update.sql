-- DOMAIN.md §4 as revised on 2026-11-26 (issue 11):
-- * a denial covers one register (scope 'register' with its kind), not a
--   whole provider; earlier 'provider' denials stay as set;
-- * a consent given before 2024 can be updated ('consent_updated');
-- * one emergency permission covers all denied prescriptions
--   ('prescription_emergency_allowed' / '..._withdrawn').
ALTER TABLE declaration ADD COLUMN scope_register_kind TEXT
    CHECK (scope_register_kind IN ('patient', 'social_welfare_client', 'occupational_health'));
ALTER TABLE declaration DROP CONSTRAINT declaration_event_check;
ALTER TABLE declaration ADD CONSTRAINT declaration_event_check CHECK (event IN (
    'consent_given', 'consent_withdrawn', 'consent_updated', 'cross_consent_given', 'cross_consent_withdrawn',
    'denial_set', 'denial_cancelled', 'prescription_emergency_allowed', 'prescription_emergency_withdrawn'));
ALTER TABLE declaration DROP CONSTRAINT declaration_denial_scope_check;
ALTER TABLE declaration ADD CONSTRAINT declaration_denial_scope_check
    CHECK (denial_scope IN ('service_event', 'register', 'provider', 'prescription', 'comprehensive', 'uusimaa'));
ALTER TABLE declaration ADD CONSTRAINT declaration_register_scope_check
    CHECK ((denial_scope = 'register') = (scope_register_kind IS NOT NULL AND scope_provider_id IS NOT NULL)
        OR (denial_scope IS NULL AND scope_register_kind IS NULL));
