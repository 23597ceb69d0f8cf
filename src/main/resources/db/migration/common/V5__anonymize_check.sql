-- IF NOT EXISTS everywhere, like V2: a first run killed half way through must be able to apply it again.

-- What the Anonymize API found for each key an anonymize check (import_run kind CHECK) looked up: one row per
-- matched record, ordinal 1 to total, or one row with ordinal 0 and total 0 for a key that matched nothing. Personal
-- data: kept only until "purge" deletes it. Keys that failed (invalid, duplicate, rejected, exhausted) are in
-- failed_row like an import's rows, with the key in record_json.
CREATE TABLE IF NOT EXISTS check_result (
    run_id               BIGINT        NOT NULL,
    -- The key's place in the run: twice the file line, plus 0 for the email or 1 for the telephone.
    line                 BIGINT        NOT NULL,
    ordinal              INT           NOT NULL,
    key_type             VARCHAR(16)   NOT NULL,
    key_value            VARCHAR(4000) NOT NULL,
    total                BIGINT        NOT NULL,
    first_name           VARCHAR(4000),
    last_name            VARCHAR(4000),
    email                VARCHAR(4000),
    sms_telephone        VARCHAR(4000),
    number_customergauge VARCHAR(4000),
    checked_at           TIMESTAMP     NOT NULL,
    PRIMARY KEY (run_id, line, ordinal)
);

-- When "purge" deleted the personal data a run stored (its results and failed keys); null until then.
ALTER TABLE import_run ADD COLUMN IF NOT EXISTS purged_at TIMESTAMP;
