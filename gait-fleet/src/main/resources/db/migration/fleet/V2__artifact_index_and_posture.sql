-- Uploaded artifacts (their bytes live in the artifact store) and what enforcement points report.

CREATE TABLE artifacts (
    org_id          TEXT NOT NULL REFERENCES organizations (id),
    digest          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    run_id          TEXT NOT NULL,
    verdict         TEXT NOT NULL,
    environment_id  TEXT,
    uploaded_by     TEXT NOT NULL,
    size_bytes      BIGINT NOT NULL,
    ingested_at     BIGINT NOT NULL,
    PRIMARY KEY (org_id, digest)
);
CREATE INDEX artifacts_by_run ON artifacts (org_id, run_id);
CREATE INDEX artifacts_by_time ON artifacts (org_id, ingested_at);

CREATE TABLE point_status (
    enforcement_point_id  TEXT PRIMARY KEY REFERENCES enforcement_points (id),
    org_id                TEXT NOT NULL REFERENCES organizations (id),
    environment_id        TEXT NOT NULL REFERENCES environments (id),
    bundle_digest         TEXT NOT NULL,
    bundle_sequence       BIGINT NOT NULL,
    decision_counts       TEXT NOT NULL,
    reported_at           BIGINT NOT NULL
);
