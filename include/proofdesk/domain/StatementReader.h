#pragma once

#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldCandidates.h"

#include <chrono>
#include <string>

namespace proofdesk
{

/// Reads a bank statement, utility bill or payroll statement (`documentType` says which; it decides which
/// date labels count most): the recipient's name and address block, the statement date and the issuer.
///
/// - Address blocks are found from their last line ("CITY, ST 12345") upwards through left-aligned lines:
///   an optional unit line, the street or PO box, and the name. Blocks are scored: a person's name, the
///   window-envelope position and the first page count for; an organisation's name (the issuer's return
///   or remittance address), a "Remit to"/"Payment address" label and the very top of the page count
///   against. Other blocks with the same address corroborate the winner.
/// - statement_date: from labels (Statement Date, Closing Date, Bill Date, Date Issued, Pay Date, Check
///   Date...; a "Statement Period ... to ..." gives its end), never from due dates or period starts.
/// - issuer_name: the organisation's line near the top: large type, organisation words, printed again
///   elsewhere (footer, remittance stub); never a document title or the recipient.
void readStatementFields(const DocumentLayout& layout, const std::string& documentType,
                         std::chrono::sys_days today, FieldCandidates& fields);

} // namespace proofdesk
