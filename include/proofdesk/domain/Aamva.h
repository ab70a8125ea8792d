#pragma once

#include "proofdesk/domain/Extraction.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// What the PDF417 barcode on the back of a U.S. or Canadian driver's license or ID card says, following the
/// AAMVA DL/ID Card Design Standard (versions 1 to 10, and the pre-standard version 0 where practical).
struct AamvaResult
{
    bool found = false; // a header and a DL or ID subfile with at least one element were read
    int version = 0;    // AAMVA version number of the header (0 pre-standard, 1 = DL/ID-2000 ... 10 = 2020)
    std::string iin;    // issuer identification number, 6 digits
    std::string jurisdiction; // two-letter issuing jurisdiction (USPS state or Canadian province), or empty
    std::string country;      // "USA" or "CAN" (from DCG, else the IIN), or empty when unknown
    std::string subfileType;  // "DL" or "ID"
    std::map<std::string, std::string> elements; // element ID (upper case) -> value, trimmed, as UTF-8
    std::vector<std::string> notes;              // defects met and how they were handled
};

/// A jurisdiction of the AAMVA IIN list: its two-letter code and its country ("USA" or "CAN").
struct AamvaJurisdiction
{
    std::string code;
    std::string country;
};

/// Parses an AAMVA DL/ID barcode payload (the PDF417's bytes). Tolerates real-world defects: wrong subfile
/// offsets or lengths, a missing segment terminator, CRLF separators, padding spaces, lower case. Never
/// throws on bad input: anything that is not an AAMVA payload gives found = false with a note saying why.
AamvaResult parseAamva(std::string_view payload);

/// The extract-contract fields (SPEC 4) of a parsed payload: names upper case, dates YYYY-MM-DD, ZIP or
/// ZIP+4, source Pdf417, confidence 0.99 (lower for truncated or repaired values). Values that cannot be
/// normalised (an impossible date, an unknown sex code) are left out with a note. Not found gives an
/// Extraction of type "unknown" without fields.
Extraction aamvaExtraction(const AamvaResult& result);

/// The jurisdiction an IIN belongs to, from the AAMVA IIN list; nullopt for an unknown IIN.
std::optional<AamvaJurisdiction> aamvaJurisdictionForIin(std::string_view iin);

} // namespace proofdesk
