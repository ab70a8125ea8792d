-- Checks (issue 5). What the checks need that is not PII in clear:
-- - per case, the number of failing checks, kept up to date when documents arrive or are read and when the
--   SSN's last four arrive, so the queue can show and filter it without opening any case;
-- - per case, the keyed hash of the last four SSN digits the applicant SENT, beside the keyed hash of the
--   registered ones (ssn_last4_hash), so ssn_last4 compares two hashes and the digits are never stored;
-- - per document, the perceptual hash of its first page and two keyed hashes (of its document number, and of
--   what reading found on it), searchable, so the same document on another case is found (the check reuse).
--   Purging a case clears them.
ALTER TABLE cases ADD COLUMN failing_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN ssn_last4_sent_hash TEXT NOT NULL DEFAULT '';
-- Until now the digits sent were written over ssn_last4_hash, which only cases without a registered SSN
-- used: move them to their own column.
UPDATE cases SET ssn_last4_sent_hash = ssn_last4_hash, ssn_last4_hash = '' WHERE ssn_given = 0 AND ssn_last4_hash <> '';
CREATE INDEX cases_failing_queue ON cases (state, state_entered_at) WHERE failing_checks > 0;

ALTER TABLE documents ADD COLUMN perceptual_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN number_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN fields_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_number_hash ON documents (number_hash) WHERE number_hash <> '';
CREATE INDEX documents_fields_hash ON documents (fields_hash) WHERE fields_hash <> '';
CREATE INDEX documents_sha256 ON documents (sha256);
