-- IF NOT EXISTS everywhere, like V2: a first run killed half way through must be able to apply it again.

-- The rate a target's API held runs to, learned from its 429 answers: the next run to the same target starts just
-- under it instead of finding it again (CustomerGauge documents no rate limit).
CREATE TABLE IF NOT EXISTS learned_limit (
    target              VARCHAR(1000)    PRIMARY KEY,
    requests_per_second DOUBLE PRECISION NOT NULL,
    learned_at          TIMESTAMP        NOT NULL,
    run_id              BIGINT           NOT NULL
);

-- What flow control did in a run, over all its sessions: requests sent (retries included), requests answered 429,
-- and the limit the API held the run to (null when the configured rate set the pace).
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS requests BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS throttled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS learned_limit DOUBLE PRECISION;
