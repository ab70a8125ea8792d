#pragma once

#include "proofdesk/domain/CheckResult.h"
#include "proofdesk/domain/UspsTables.h"

#include <string>
#include <string_view>

namespace proofdesk
{

/// A U.S. postal address in the parts of a registration (street, unit, city, state, zip) or of an
/// extraction (address_line1, address_line2, city, state, postal_code). The unit may also be written on
/// line1 ("88 CEDAR RIDGE RD UNIT 12").
struct PostalAddress
{
    std::string line1;
    std::string line2;
    std::string city;
    std::string state;
    std::string postalCode;
};

/// An address normalised the USPS Publication 28 way.
struct NormalizedAddress
{
    std::string primary;    // "1427 N LARKSPUR ST", "PO BOX 4411"
    std::string number;     // the primary number or the box number: "1427"
    std::string street;     // the rest of the primary line: "N LARKSPUR ST"
    std::string unit;       // "APT 3B", "# 5", "BSMT"; empty when none
    std::string unitId;     // what identifies the unit, without its designator: "3B", "5", "BSMT"
    std::string city;       // upper case, punctuation removed
    std::string state;      // USPS code, or the text upper-cased when it is not a state
    std::string zip5;
    std::string zip4;       // empty when not given
    bool poBox = false;

    /// "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99205-1132" (parts that are empty left out).
    std::string text() const;
};

/// Normalises an address: upper case, punctuation dropped ("#" kept as a designator), words separated;
/// directionals (Appendix B) and street suffixes (C1) abbreviated; secondary unit designators (C2) found on
/// either line and abbreviated ("Apartment 3B", "APT. 3B", "#3B" -> "APT 3B" / "# 3B"); PO boxes spelled
/// P.O. BOX, P O BOX, POST OFFICE BOX, POB, BOX become "PO BOX N"; a state name becomes its code; the ZIP
/// split into its five digits and +4.
NormalizedAddress normalizeAddress(const PostalAddress& address, const UspsTables& tables);

/// Compares the registered address with one read from a document (the address_match rule), both
/// normalised as above:
/// - Fail: a different primary or box number, state or 5-digit ZIP, a clearly different street, a PO box
///   against a street address;
/// - Unknown: a street name one edit away (or similarity >= 0.85), a unit on one side only or a different
///   unit, a different city with everything else equal (vanity city names), both ZIP+4 given and
///   different, or a part not read;
/// - Pass otherwise: ZIP and ZIP+4 match on their 5 digits when one side has no +4; a unit's designator
///   may differ ("APT 3B" = "# 3B" = "UNIT 3B"), its identifier may not.
MatchOutcome matchAddress(const PostalAddress& registered, const PostalAddress& document,
                          const UspsTables& tables);

} // namespace proofdesk
