-- Laboratory results as values (issue 13): a laboratory_result entry's test,
-- value, unit and reference range, so a test's results can be followed over
-- time. One row per entry; an open end of the range is NULL.
CREATE TABLE laboratory_result (
    entry_id       BIGINT PRIMARY KEY REFERENCES entry (id),
    citizen_id     BIGINT NOT NULL REFERENCES citizen (id),
    test           TEXT NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    unit           TEXT NOT NULL,
    reference_low  DOUBLE PRECISION,
    reference_high DOUBLE PRECISION
);
CREATE INDEX laboratory_result_by_citizen ON laboratory_result (citizen_id, test);
