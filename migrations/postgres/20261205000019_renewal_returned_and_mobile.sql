-- A renewal request may be returned to the citizen (e.g. to book an
-- appointment instead). "Expired" is never stored: a request still sent
-- eight days after it was sent has expired, derived from time.
ALTER TABLE renewal_request_state DROP CONSTRAINT renewal_request_state_state_check;
ALTER TABLE renewal_request_state ADD CONSTRAINT renewal_request_state_state_check
    CHECK (state IN ('in_progress', 'renewed', 'declined', 'returned'));

-- An optional Finnish mobile number (international form) for a text
-- message about the result; nothing is sent here.
ALTER TABLE renewal_request ADD COLUMN mobile TEXT CHECK (mobile IS NULL OR length(mobile) <= 20);
