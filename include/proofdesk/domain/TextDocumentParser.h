#pragma once

#include "proofdesk/domain/Extraction.h"
#include "proofdesk/domain/TextPage.h"

#include <chrono>
#include <vector>

namespace proofdesk
{

/// Reads a document from its positioned text lines (a born-digital PDF's text layer, or OCR): decides its
/// type (drivers_license, state_id, passport, bank_statement, utility_bill, payroll_statement, or unknown)
/// and extracts the fields of the `extract` contract (SPEC 4), normalised: names upper case, dates
/// YYYY-MM-DD, states two-letter USPS codes, ZIP or ZIP+4.
///
/// - Statements (bank, utility, payroll): the recipient's name and address block, statement_date and
///   issuer_name (see StatementReader.h).
/// - Licenses and ID cards (the printed front): names, date_of_birth, issue_date, expiration_date,
///   document_number, the address, sex and issuing_authority (see CardReader.h).
/// - Passports (the visual zone, for when no MRZ was read): names, date_of_birth, issue_date,
///   expiration_date, document_number, sex, issuing_authority (see PassportZoneReader.h).
///
/// Each field carries `source`, the regions of the lines it was read from, and a confidence that combines
/// the lines' confidence with how sure the reading is (a labelled value above a positional guess); doubtful
/// readings are kept with low confidence, and disagreeing readings are named in `notes`, as are name
/// suffixes (JR, III...), which are no field of their own. OCR noise is tolerated: look-alike characters in
/// dates, ZIP codes and state codes, labels a letter off, lost or extra spaces.
///
/// `pages` gives Extraction::pages. `today` resolves two-digit years and bounds plausible dates.
/// Pure function of its arguments; never throws on any text (an empty document gives "unknown").
Extraction parseTextDocument(const std::vector<TextPage>& pages, FieldSource source, std::chrono::sys_days today);

} // namespace proofdesk
