-- A form's one-time key is unique per citizen, not across all citizens: it is
-- looked up per citizen, and a guardian's page and a child's may carry the
-- same key.
ALTER TABLE declaration DROP CONSTRAINT declaration_idempotency_key_key;
ALTER TABLE declaration ADD CONSTRAINT declaration_idempotency_per_citizen UNIQUE (citizen_id, idempotency_key);

-- The row triggers do not see TRUNCATE: refuse it for the append-only tables
-- too. (A role that owns the tables can still drop the triggers: run the
-- server as a role that does not own them; see the README. refuse_change() serves statement
-- triggers as well as row triggers.)
CREATE TRIGGER notice_confirmation_no_truncate BEFORE TRUNCATE ON notice_confirmation
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER citizen_login_no_truncate BEFORE TRUNCATE ON citizen_login
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER declaration_no_truncate BEFORE TRUNCATE ON declaration
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER professional_viewing_no_truncate BEFORE TRUNCATE ON professional_viewing
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
