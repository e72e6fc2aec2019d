-- The deployment's secret for form keys (app/src/server/form_key.rs): made
-- once by the first server that starts, then shared by every instance.
CREATE TABLE server_secret (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
