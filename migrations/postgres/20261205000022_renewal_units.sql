-- Only units that take prescription renewal requests are offered for one
-- (DOMAIN.md §8: a property of the unit, in data), and a request names the
-- unit it was sent to. Requests sent before this named only the provider.
ALTER TABLE unit ADD COLUMN takes_renewal_requests BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE renewal_request ADD COLUMN unit_id TEXT REFERENCES unit (id);
