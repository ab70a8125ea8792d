#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace proofdesk
{

/// The USPS code (usStates() of Registration.h) of a state, territory or military "state" written as its
/// code or its name, ignoring case, periods and surrounding spaces; in a two-character code, digits that
/// OCR reads for letters count as those letters ("0H" -> OH, "1L" -> IL). nullopt otherwise.
std::optional<std::string> usStateCode(std::string_view text);

/// A state name found inside a line of text ("COMMONWEALTH OF PENNSYLVANIA", "State of Ohio").
struct StateNameFound
{
    std::string code;
    std::size_t begin = 0;  // byte offsets of the name
    std::size_t end = 0;
};

/// The first state name in `text`, as whole words, ignoring case; the longest name wins where names
/// overlap ("WEST VIRGINIA", not "VIRGINIA"). Codes alone are not looked for (too many false friends).
std::optional<StateNameFound> findStateName(std::string_view text);

/// Like findStateName, tolerant of OCR noise for a card's or a page's header: the name may run into the
/// next word ("MISSOURIPENTIRICATION") and be a letter off (two letters for names of ten or more).
std::optional<StateNameFound> findStateNameTolerant(std::string_view text);

/// A ZIP code as "12345" or "12345-6789" (nine digits run together are split), reading OCR look-alikes as
/// digits ("9O21O" -> 90210); nullopt when `text` is not one.
std::optional<std::string> postalCode(std::string_view text);

/// The last line of a U.S. address.
struct CityStateZip
{
    std::string city;        // upper case
    std::string state;       // USPS code
    std::string postalCode;  // 12345 or 12345-6789
    bool exact = true;       // false when OCR look-alikes had to be read
};

/// "Dallas, TX 75270-4850", "BALTIMORE MD  21285", "Saint Paul, Minnesota 55101", "DALLAS,TX 75287",
/// "PEORIA IL 6163O": the whole line must be a city, a state (code or name) and a ZIP. nullopt otherwise.
std::optional<CityStateZip> parseCityStateZip(std::string_view line);

/// Like parseCityStateZip, for a line that OCR ran into the next column's text ("CHARLOTTE NC 28250-3900
/// Service period Sep 27..."): the longest run of leading words that is a city, state and ZIP. `words` is
/// set to the number of words used.
std::optional<CityStateZip> parseCityStateZipPrefix(std::string_view line, std::size_t& words);

/// A delivery address line, normalised the USPS Publication 28 way.
struct StreetAddress
{
    std::string line1;  // "1200 N MAPLE ST", "PO BOX 4411"
    std::string line2;  // the secondary unit when the line carried one: "APT 4B", "STE 200", "# 12"
    bool poBox = false;
    bool exact = true;  // false when OCR look-alikes were read in the house number
};

/// A primary address line: a house number and a street (directionals and the street suffix abbreviated,
/// "1200 North Maple Street, Apt. 4B" -> "1200 N MAPLE ST" + "APT 4B"), or a post office box ("P.O. Box
/// 12" -> "PO BOX 12"). nullopt when the line is neither.
std::optional<StreetAddress> parseStreetLine(std::string_view line);

/// Like parseStreetLine, for a line that OCR ran into the next column's text ("27372 S MILL POND DR STE
/// 1845 Account 123"): the longest run of leading words that ends as a street line ends (a street suffix, a
/// directional, a unit, a PO box number). `words` is set to the number of words used.
std::optional<StreetAddress> parseStreetPrefix(std::string_view line, std::size_t& words);

/// A line holding only a secondary unit ("Apartment 4B", "#12", "Suite 200", "FL 3") as "APT 4B",
/// "# 12", "STE 200", "FL 3"; nullopt otherwise.
std::optional<std::string> parseUnitLine(std::string_view line);

} // namespace proofdesk
