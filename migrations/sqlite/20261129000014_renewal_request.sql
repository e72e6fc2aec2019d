-- Prescription renewal requests (issue 12, DOMAIN.md §8). A prescription
-- carries its medicine's class: a narcotic is never renewed by request,
-- and narcotic and central nervous system medicines are never disclosed abroad.
ALTER TABLE prescription ADD COLUMN medicine_class TEXT NOT NULL DEFAULT 'ordinary'
    CHECK (medicine_class IN ('ordinary', 'narcotic', 'cns'));

-- A request as sent: for whom, which prescription, to which provider, the
-- message as typed, when, and by whom (NULL: the citizen themself; else a
-- guardian or an agent with an e-authorisation). A form's one-time key
-- makes a double submit record once. Append-only.
CREATE TABLE renewal_request (
    id               INTEGER PRIMARY KEY,
    citizen_id       INTEGER NOT NULL REFERENCES citizen (id),
    prescription_id  INTEGER NOT NULL REFERENCES prescription (id),
    provider_id      TEXT NOT NULL REFERENCES service_provider (id),
    message          TEXT CHECK (length(message) <= 500),
    sent_at          TEXT NOT NULL,
    actor_right      TEXT CHECK (actor_right IN ('guardian', 'authorisation')),
    actor_citizen_id INTEGER REFERENCES citizen (id),
    channel          TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online')),
    idempotency_key  TEXT,
    CHECK ((actor_right IS NULL) = (actor_citizen_id IS NULL)),
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX renewal_request_by_citizen ON renewal_request (citizen_id, sent_at);

-- What the provider did with a request, in order (a request without a row
-- here is still "sent"). Append-only.
CREATE TABLE renewal_request_state (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES renewal_request (id),
    state      TEXT NOT NULL CHECK (state IN ('in_progress', 'renewed', 'declined')),
    at         TEXT NOT NULL
);
CREATE INDEX renewal_request_state_by_request ON renewal_request_state (request_id, at);

CREATE TRIGGER renewal_request_no_update BEFORE UPDATE ON renewal_request
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;
CREATE TRIGGER renewal_request_no_delete BEFORE DELETE ON renewal_request
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;
CREATE TRIGGER renewal_request_state_no_update BEFORE UPDATE ON renewal_request_state
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;
CREATE TRIGGER renewal_request_state_no_delete BEFORE DELETE ON renewal_request_state
BEGIN SELECT RAISE(ABORT, 'renewal requests are append-only'); END;
