-- The sending time of a session still running, or of one whose process died (kill -9, a full disk, a power cut)
-- before it could add its time to active_millis: the run lock's heartbeat thread records it every second, and the
-- run's next session adds it to active_millis. Without it a resumed run's rate divided every row sent by the last
-- session's time alone. IF NOT EXISTS: H2 commits DDL at once, so a first run killed half way must be able to apply
-- this again.
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS session_millis BIGINT NOT NULL DEFAULT 0;
