"""Initial schema: register, reviews, assistance, registers, accounts, append-only audit log, sync bookkeeping."""

from __future__ import annotations

import sqlite3

# A frozen snapshot: later schema changes are new steps, never edits here.
SCHEMA = """
CREATE TABLE admin_unit (
    code VARCHAR(5) NOT NULL,
    name VARCHAR(100) NOT NULL,
    kind VARCHAR(10) NOT NULL,
    PRIMARY KEY (code)
);
CREATE TABLE audit_log (
    id INTEGER NOT NULL,
    at DATETIME NOT NULL,
    username VARCHAR(40) NOT NULL,
    entity VARCHAR(30) NOT NULL,
    entity_uuid VARCHAR(36) NOT NULL,
    action VARCHAR(10) NOT NULL,
    field VARCHAR(60),
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_entity_uuid ON audit_log (entity_uuid);
CREATE TABLE outbox (
    seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    entity VARCHAR(30) NOT NULL,
    entity_uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    op VARCHAR(8) NOT NULL,
    created_at DATETIME NOT NULL,
    batch_id VARCHAR(36),
    attempts INTEGER NOT NULL,
    last_error TEXT,
    acked_at DATETIME,
    outcome VARCHAR(10)
);
CREATE INDEX ix_outbox_pending ON outbox (acked_at, seq);
CREATE TABLE setting (
    "key" VARCHAR(64) NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY ("key")
);
CREATE TABLE sync_conflict (
    id INTEGER NOT NULL,
    entity VARCHAR(30) NOT NULL,
    entity_uuid VARCHAR(36) NOT NULL,
    local_payload JSON NOT NULL,
    server_payload JSON NOT NULL,
    server_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    resolved_at DATETIME,
    resolution VARCHAR(10),
    PRIMARY KEY (id),
    UNIQUE (entity, entity_uuid, server_revision)
);
CREATE TABLE sync_state (
    "key" VARCHAR(40) NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY ("key")
);
CREATE TABLE user_account (
    id INTEGER NOT NULL,
    username VARCHAR(40) NOT NULL,
    full_name VARCHAR(100) NOT NULL,
    role VARCHAR(10) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    active BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    last_login_at DATETIME,
    PRIMARY KEY (id),
    UNIQUE (username)
);
CREATE TABLE village (
    commune_code VARCHAR(5) NOT NULL,
    name VARCHAR(100) NOT NULL,
    area_type VARCHAR(10) NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(commune_code) REFERENCES admin_unit (code),
    UNIQUE (uuid)
);
CREATE TABLE household (
    village_id INTEGER NOT NULL,
    code VARCHAR(20),
    address VARCHAR(200) NOT NULL,
    area_type VARCHAR(10) NOT NULL,
    phone VARCHAR(20),
    ethnic_minority BOOLEAN NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(village_id) REFERENCES village (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_household_village_id ON household (village_id);
CREATE TABLE person (
    household_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    full_name VARCHAR(100) NOT NULL,
    sex VARCHAR(6) NOT NULL,
    dob DATE,
    birth_year INTEGER,
    ethnicity VARCHAR(30) NOT NULL,
    personal_id VARCHAR(12),
    legacy_id VARCHAR(12),
    relationship_to_head VARCHAR(20) NOT NULL,
    phone VARCHAR(20),
    details JSON NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(household_id) REFERENCES household (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_person_household_id ON person (household_id);
CREATE INDEX ix_person_personal_id ON person (personal_id);
CREATE TABLE poverty_review (
    household_id INTEGER NOT NULL,
    review_year INTEGER NOT NULL,
    kind VARCHAR(10) NOT NULL,
    review_month INTEGER,
    form_id VARCHAR(60) NOT NULL,
    form_version VARCHAR(30) NOT NULL,
    answers JSON NOT NULL,
    status VARCHAR(10) NOT NULL,
    result_class VARCHAR(12),
    result JSON NOT NULL,
    listed_on DATE,
    surveyed_on DATE,
    meeting_on DATE,
    meeting_agree_pct FLOAT,
    posted_on DATE,
    recognised_on DATE,
    decision_no VARCHAR(40),
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(household_id) REFERENCES household (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_poverty_review_household_id ON poverty_review (household_id);
CREATE INDEX ix_poverty_review_review_year ON poverty_review (review_year);
CREATE TABLE beneficiary (
    person_id INTEGER NOT NULL,
    clauses JSON NOT NULL,
    status VARCHAR(10) NOT NULL,
    start_month VARCHAR(7) NOT NULL,
    decision_no VARCHAR(40),
    decision_date DATE,
    bank_account VARCHAR(30),
    bank_name VARCHAR(100),
    form_id VARCHAR(60),
    form_version VARCHAR(30),
    answers JSON NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_beneficiary_person_id ON beneficiary (person_id);
CREATE TABLE child_record (
    person_id INTEGER NOT NULL,
    group_code VARCHAR(10) NOT NULL,
    status VARCHAR(10) NOT NULL,
    answers JSON NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_child_record_person_id ON child_record (person_id);
CREATE TABLE merit_record (
    person_id INTEGER NOT NULL,
    category VARCHAR(40) NOT NULL,
    status VARCHAR(10) NOT NULL,
    answers JSON NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_merit_record_person_id ON merit_record (person_id);
CREATE TABLE allowance_period (
    beneficiary_id INTEGER NOT NULL,
    from_month VARCHAR(7) NOT NULL,
    standard_level INTEGER NOT NULL,
    coefficient FLOAT NOT NULL,
    amount INTEGER NOT NULL,
    basis TEXT NOT NULL,
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(beneficiary_id) REFERENCES beneficiary (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_allowance_period_beneficiary_id ON allowance_period (beneficiary_id);
CREATE TABLE beneficiary_event (
    beneficiary_id INTEGER NOT NULL,
    action VARCHAR(10) NOT NULL,
    effective_month VARCHAR(7) NOT NULL,
    reason TEXT NOT NULL,
    decision_no VARCHAR(40),
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(beneficiary_id) REFERENCES beneficiary (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_beneficiary_event_beneficiary_id ON beneficiary_event (beneficiary_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
"""


def upgrade(conn: sqlite3.Connection) -> None:
    from xaapp.storage.migrations.runner import run_script

    run_script(conn, SCHEMA)
