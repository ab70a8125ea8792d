#pragma once

#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldCandidates.h"

#include <chrono>

namespace proofdesk
{

/// Reads the printed front of a U.S. driver's license or ID card: names (LN/FN, AAMVA "1"/"2", LAST NAME /
/// FIRST MIDDLE, NAME, or the name lines above the address), date_of_birth, issue_date, expiration_date
/// (labelled DOB/ISS/EXP and their spellings, else by order: the earliest date is the birth, the latest
/// the expiration), document_number (DL/DLN/LIC NO/ID NO/4d...), the address (the "8"/ADDRESS field or the
/// lines ending in "CITY, ST 12345"), sex, and issuing_authority (the state named in the header; the
/// address's state, with low confidence, when no header names one).
void readCardFields(const DocumentLayout& layout, std::chrono::sys_days today, FieldCandidates& fields);

} // namespace proofdesk
