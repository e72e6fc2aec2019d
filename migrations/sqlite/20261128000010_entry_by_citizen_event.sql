-- The records pages count a citizen's entries per service event (and per
-- register) on every view. This index covers that count: the entries of one
-- citizen in service-event order, with the kind and date a filter tests, so
-- the count reads the index alone and joins only the events (issue 14).
CREATE INDEX entry_by_citizen_event ON entry (citizen_id, service_event_id, kind, recorded_on);
