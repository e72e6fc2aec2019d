-- How many entries each service event holds, kept by the database itself
-- whatever writes the entries (issue 14). The health data page shows, on
-- every view, how many entries each register holds: it sums these counts
-- over the citizen's service events instead of counting all of the
-- citizen's entries (thousands for a long history). A filtered page (kind,
-- dates) or a guardian's limited view still counts the entries themselves.
ALTER TABLE service_event ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;

UPDATE service_event e SET entry_count = (SELECT COUNT(*) FROM entry x WHERE x.service_event_id = e.id);

-- No index of its own: the sum reads the citizen's events by
-- service_event_by_citizen, and another index led by the citizen would
-- compete with that one for the page of events in date order (SQLite chose
-- it without statistics and sorted every event).

-- The owner's rights: a role that may only append (migrate --app-role)
-- still keeps the counts when it writes an entry.
CREATE FUNCTION count_entry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE service_event SET entry_count = entry_count - 1 WHERE id = OLD.service_event_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE service_event SET entry_count = entry_count + 1 WHERE id = NEW.service_event_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_counted AFTER INSERT OR DELETE OR UPDATE OF service_event_id ON entry
    FOR EACH ROW EXECUTE FUNCTION count_entry();
