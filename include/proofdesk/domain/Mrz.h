#pragma once

#include "proofdesk/domain/Extraction.h"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// What reading the machine-readable zone (ICAO 9303) of a travel document produced.
struct MrzResult
{
    bool found = false; // lines with the shape of an MRZ were found (at least one check digit agrees)
    bool valid = false; // found, and every check digit passes after the accepted repairs
    std::string format; // "TD3" (passport, 2x44), "TD2" (2x36), "TD1" (ID card, 3x30); empty when not found
    // SPEC 4 names (first_name, middle_name, last_name, date_of_birth, expiration_date, document_number,
    // issuing_authority, sex) plus document_type ("passport" or "unknown"), document_code, nationality and
    // optional_data; a field the MRZ leaves empty or that cannot be read is absent (and a note says why).
    std::map<std::string, std::string> fields;
    std::map<std::string, double> confidence; // per key of `fields`, 0..1
    std::vector<std::string> notes;           // repairs, failed checks and doubts, readable by a reviewer
    // The checks that failed: "document_number", "date_of_birth", "expiration_date", "optional_data",
    // "composite".
    std::vector<std::string> failedChecks;
    std::vector<std::string> lines; // the MRZ lines as read, after normalisation and repair
};

/// Finds and reads an ICAO 9303 MRZ in OCR text of the region: TD3 (passport), TD2 or TD1. Tolerates extra
/// lines, spaces, lower case and '«' for '<'; verifies every check digit, the composite one too. Confusions
/// (O/0, I/1, Z/2, S/5, B/8, G/6, and K for '<' in fillers) are repaired only where the character class of
/// the position leaves no doubt, each repair noted and its field's confidence lowered; a check digit that
/// still fails is reported in failedChecks and notes, its fields kept at confidence 0.5. Two-digit years: a
/// birth date takes the latest century that is not after `today`; an expiry date the century that puts it
/// within [today - 10 years, today + 20 years] (the nearest one, noted, when none does). Never throws for any
/// text; `found` is false when no MRZ is there.
MrzResult parseMrz(std::string_view text, std::chrono::sys_days today);

/// The ICAO 9303 check digit (0-9) of a field: weights 7, 3, 1 repeating; '<' = 0, 0-9 as themselves,
/// A = 10 ... Z = 35; sum modulo 10. Throws Error(InvalidInput) naming the first character outside A-Z, 0-9
/// and '<' (lower case included).
int mrzCheckDigit(std::string_view field);

/// The fields of the `extract` contract (SPEC 4) from a parsed MRZ, each with source FieldSource::Mrz and the
/// confidence of `result`; documentType from fields["document_type"] ("unknown" when nothing was found);
/// notes copied. `pages` is left to the caller.
Extraction mrzExtraction(const MrzResult& result);

} // namespace proofdesk
