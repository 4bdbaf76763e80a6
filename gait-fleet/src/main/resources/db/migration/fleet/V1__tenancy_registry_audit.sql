-- One schema for SQLite and PostgreSQL: only the SQL both understand.
-- Times are BIGINT epoch milliseconds (UTC); structured values are TEXT holding canonical JSON;
-- documents are BYTEA (PostgreSQL's binary type; SQLite stores the bound bytes unchanged).

-- audit_seq counts the organisation's audit entries. Every append updates it first, which locks
-- the row until commit: appends to one organisation's chain take turns on every database.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    audit_seq   BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations (id),
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (org_id, email)
);

CREATE TABLE environments (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations (id),
    name        TEXT NOT NULL,
    labels      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE enforcement_points (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations (id),
    environment_id  TEXT NOT NULL REFERENCES environments (id),
    name            TEXT NOT NULL,
    labels          TEXT NOT NULL,
    registered_at   BIGINT NOT NULL,
    UNIQUE (environment_id, name)
);

-- Secrets are never stored: only a per-credential random salt and SHA-256(salt || secret).
CREATE TABLE credentials (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations (id),
    kind            TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    environment_id  TEXT REFERENCES environments (id),
    salt            TEXT NOT NULL,
    secret_hash     TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    revoked_at      BIGINT
);

CREATE TABLE releases (
    org_id       TEXT NOT NULL REFERENCES organizations (id),
    digest       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    version      TEXT NOT NULL,
    author       TEXT NOT NULL,
    source       TEXT NOT NULL,
    document     BYTEA NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (org_id, digest),
    UNIQUE (org_id, name, version)
);

CREATE TABLE promotions (
    org_id           TEXT NOT NULL REFERENCES organizations (id),
    environment_id   TEXT NOT NULL REFERENCES environments (id),
    sequence         BIGINT NOT NULL,
    action           TEXT NOT NULL,
    release_digest   TEXT NOT NULL,
    bundle_digest    TEXT NOT NULL,
    bundle           BYTEA NOT NULL,
    rollout          TEXT NOT NULL,
    promoted_by      TEXT NOT NULL,
    promoted_at      BIGINT NOT NULL,
    PRIMARY KEY (environment_id, sequence),
    FOREIGN KEY (org_id, release_digest) REFERENCES releases (org_id, digest)
);

CREATE TABLE audit_log (
    org_id     TEXT NOT NULL REFERENCES organizations (id),
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    details    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);
