-- Incoming mail (POP3 poller, mailgate). Each message is stored raw and sealed the moment it is taken,
-- before its source forgets it, then processed in a separate step (match, attach, reply) that may run again
-- after a crash. The raw message and everything read from it are PII: sealed with the message's own key
-- (wrapped_key) while it belongs to no case, re-sealed with the case key once matched (wrapped_key NULL),
-- so purging the case makes them unreadable too. Message-ID and the SHA-256 of the bytes are not PII.
CREATE TABLE inbound_mail (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    channel TEXT NOT NULL,                    -- pop3, mailgate
    message_id TEXT NOT NULL DEFAULT '',      -- without angle brackets; '' when the message has none
    content_hash TEXT NOT NULL UNIQUE,        -- SHA-256 of the raw bytes (identical bytes = the same arrival)
    state TEXT NOT NULL DEFAULT 'stored',     -- stored, processed, triage, automatic, discarded
    case_id INTEGER REFERENCES cases (id),
    wrapped_key BLOB,                         -- the message's own key while it belongs to no case
    sealed_raw BLOB NOT NULL,
    sealed_summary BLOB,                      -- sender, subject, date, attachment list (encoded fields)
    sealed_body BLOB,                         -- the body text, for the reviewer
    auth_summary TEXT NOT NULL DEFAULT '',    -- "spf=pass dkim=pass dmarc=pass" (no PII)
    attachment_count INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',            -- why it is where it is (no PII): automatic reason, triage cause
    sealed_discard_note BLOB,                 -- the reviewer's words when discarding
    attempts INTEGER NOT NULL DEFAULT 0,
    processing_started_at INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    processed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inbound_mail_state ON inbound_mail (state, id);
CREATE INDEX inbound_mail_case ON inbound_mail (case_id);
CREATE INDEX inbound_mail_message_id ON inbound_mail (message_id);

-- Every automatic reply sent, for the limits: once per case per day for a kind, and a last guard per sender
-- and per case against loops. The sender is kept only as a keyed hash.
CREATE TABLE mail_replies (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    case_id INTEGER REFERENCES cases (id),
    sender_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    inbound_id INTEGER NOT NULL REFERENCES inbound_mail (id)
);
CREATE INDEX mail_replies_case ON mail_replies (case_id, at);
CREATE INDEX mail_replies_sender ON mail_replies (sender_hash, at);
