-- Where a run journals the rows the API accepted until they reach accepted_row (a file on the host running it).
-- Set by the run's first session; a session after a crash stores what the journal still holds before sending.
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS journal VARCHAR(4000);
