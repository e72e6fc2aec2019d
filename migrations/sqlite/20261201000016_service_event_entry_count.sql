-- How many entries each service event holds, kept by the database itself
-- whatever writes the entries (issue 14). The health data page shows, on
-- every view, how many entries each register holds: it sums these counts
-- over the citizen's service events instead of counting all of the
-- citizen's entries (thousands for a long history). A filtered page (kind,
-- dates) or a guardian's limited view still counts the entries themselves.
ALTER TABLE service_event ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;

UPDATE service_event SET entry_count = (SELECT COUNT(*) FROM entry x WHERE x.service_event_id = service_event.id);

-- No index of its own: the sum reads the citizen's events by
-- service_event_by_citizen, and another index led by the citizen would
-- compete with that one for the page of events in date order (SQLite chose
-- it without statistics and sorted every event).

CREATE TRIGGER entry_counted AFTER INSERT ON entry
BEGIN
    UPDATE service_event SET entry_count = entry_count + 1 WHERE id = NEW.service_event_id;
END;

CREATE TRIGGER entry_uncounted AFTER DELETE ON entry
BEGIN
    UPDATE service_event SET entry_count = entry_count - 1 WHERE id = OLD.service_event_id;
END;

CREATE TRIGGER entry_moved AFTER UPDATE OF service_event_id ON entry
BEGIN
    UPDATE service_event SET entry_count = entry_count - 1 WHERE id = OLD.service_event_id;
    UPDATE service_event SET entry_count = entry_count + 1 WHERE id = NEW.service_event_id;
END;
