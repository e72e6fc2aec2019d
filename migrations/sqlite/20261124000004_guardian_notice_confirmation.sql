-- A guardian may confirm the notice for a child (DOMAIN.md §6). An online
-- confirmation names the guardian who made it; NULL: the citizen themself.
ALTER TABLE notice_confirmation ADD COLUMN confirmed_by_guardian_id INTEGER REFERENCES citizen (id);
