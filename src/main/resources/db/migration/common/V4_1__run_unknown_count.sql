-- Rows whose outcome is UNKNOWN (attempts ran out and one of them may have reached the API) get a count of their
-- own; until now import_run counted them in exhausted. Runs finished before keep both in exhausted: their failed
-- total stays right, and the split cannot be recovered (a later retry-failed may have changed those rows since).
-- H2 reserves the word UNKNOWN, hence unknown_count. IF NOT EXISTS: H2 commits DDL at once, so a first run killed
-- half way must be able to apply this again.
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS unknown_count BIGINT NOT NULL DEFAULT 0;
