-- Document reading as a durable job: a document is queued, claimed for reading (with the time, so a
-- reader that died is noticed and the document read again), then read or failed with a reason.
-- The extraction itself holds PII: it is sealed with the case key like the profile.
ALTER TABLE documents ADD COLUMN read_started_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN read_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN read_error TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN read_type TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN sealed_extraction BLOB;
CREATE INDEX documents_read_state ON documents (read_state, id);
