-- Acting for another adult (issue 13, DOMAIN.md §8): an e-authorisation
-- (Suomi.fi) lets the agent view the principal's data and send renewal
-- requests for them, on the days from valid_from to valid_until inclusive.
-- It never allows declarations. Seeded, like the guardianships: the portal
-- does not grant authorisations.
CREATE TABLE authorisation (
    id           INTEGER PRIMARY KEY,
    principal_id INTEGER NOT NULL REFERENCES citizen (id),
    agent_id     INTEGER NOT NULL REFERENCES citizen (id),
    valid_from   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    CHECK (principal_id <> agent_id),
    CHECK (valid_from <= valid_until)
);
CREATE INDEX authorisation_by_agent ON authorisation (agent_id, principal_id);

-- Every view made while acting for someone else (a guardian for a child,
-- an agent by an e-authorisation): who, for whom, by which right, what was
-- viewed and from where. Append-only.
CREATE TABLE acting_viewing (
    id             INTEGER PRIMARY KEY,
    viewed_at      TEXT NOT NULL,
    actor_id       INTEGER NOT NULL REFERENCES citizen (id),
    subject_id     INTEGER NOT NULL REFERENCES citizen (id),
    acting_right   TEXT NOT NULL CHECK (acting_right IN ('guardian', 'authorisation')),
    what           TEXT NOT NULL,
    client_address TEXT
);
CREATE INDEX acting_viewing_by_subject ON acting_viewing (subject_id, viewed_at);
CREATE TRIGGER acting_viewing_no_update BEFORE UPDATE ON acting_viewing
BEGIN SELECT RAISE(ABORT, 'the log of views is append-only'); END;
CREATE TRIGGER acting_viewing_no_delete BEFORE DELETE ON acting_viewing
BEGIN SELECT RAISE(ABORT, 'the log of views is append-only'); END;
