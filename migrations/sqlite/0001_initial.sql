-- proofdesk schema, version 1. Times are UTC seconds since the epoch. Binary values (sealed with a
-- case's key, or wrapped keys) are BLOBs. PII is never stored in clear: profiles, notes and messages are
-- sealed with the case key; SSNs, emails, tokens only as keyed hashes.

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state_entered_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    ssn_given INTEGER NOT NULL DEFAULT 0,
    ssn_hash TEXT NOT NULL DEFAULT '',
    ssn_last4_hash TEXT NOT NULL DEFAULT '',
    email_hash TEXT NOT NULL,
    upload_token_hash TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    challenge_question TEXT NOT NULL,
    challenge_answer_hash TEXT NOT NULL,
    claimed_by TEXT,
    claim_expires_at INTEGER NOT NULL DEFAULT 0,
    needs_second_approval INTEGER NOT NULL DEFAULT 0,
    wrapped_key BLOB,
    sealed_profile BLOB,
    sealed_upload_token BLOB
);
CREATE INDEX cases_state_entered ON cases (state, state_entered_at);
CREATE INDEX cases_email_hash ON cases (email_hash);

-- User IDs are reserved for ever, also while their registration is pending, and never freed.
CREATE TABLE user_ids (
    user_id_key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    reserved_at INTEGER NOT NULL
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    media_type TEXT NOT NULL,
    display_name TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    channel TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    read_state TEXT NOT NULL DEFAULT 'queued'
);
CREATE INDEX documents_case ON documents (case_id);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    sealed_note BLOB
);
CREATE INDEX case_events_case ON case_events (case_id);

CREATE TABLE fired_timers (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    state_entered_at INTEGER NOT NULL,
    timer_id TEXT NOT NULL,
    fired_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, state_entered_at, timer_id)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    sealed_message BLOB NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id INTEGER,
    document_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_case ON audit (case_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE accounts (
    user_id TEXT PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id),
    status TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    challenge_question TEXT NOT NULL,
    challenge_answer_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE reviewers (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    reviewer_id INTEGER NOT NULL REFERENCES reviewers (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
