#pragma once

#include "proofdesk/domain/AddressText.h"
#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldCandidates.h"
#include "proofdesk/domain/PersonNameText.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// A piece of text at a place, with how sure we are that it is what we looked for.
struct LocatedText
{
    std::string text;
    std::vector<Region> regions;
    float lineConfidence = 1.0f;
    double certainty = 1.0;  // 1 beside its label on the same line; less to the right or below it
    WordSpan span;
};

/// Where to look for a label's value, and how far.
struct ValueSearch
{
    bool sameLine = true;
    bool right = true;
    bool below = true;
    double rightGap = 0.45;   // as a fraction of the page width
    double belowGap = 2.2;    // in heights of the label's line
    double columnWidth = 0;   // pixels from the label's start; 0: up to the next label on the row, or 3 label widths
};

/// The candidate values of a label, nearest first: the rest of its line (up to the next label of `hits`
/// on that line), the line to its right on the same row, the words below it in its column. The caller takes
/// the first that parses as what it expects.
std::vector<LocatedText> valuesForLabel(const DocumentLayout& layout, const LabelHit& hit,
                                        const std::vector<LabelHit>& hits, const ValueSearch& search = {});

/// M, F or X from "M", "F", "X", "MALE", "FEMALE": the first word of `text`, or the first after numbers
/// of a neighbouring column ("03/26/2026 M"); nullopt otherwise.
std::optional<std::string> parseSex(std::string_view text);

/// A document number from the start of a value: "D1234567", "123 456 789", "L-123-456-789-012",
/// "M 123 456 789 012" (groups joined, spaces and hyphens dropped, letters upper case; a '$' that OCR read
/// for an 'S' is an S). At least five characters with a digit; nullopt otherwise.
std::optional<std::string> parseDocumentNumber(std::string_view text);

/// Offers date_of_birth, issue_date and expiration_date from the order of the dates printed on an
/// identity document, for labels OCR could not read: the earliest plausible birth date (10 to 125 years
/// ago) is the birth, the latest date the expiration, the latest other date up to today the issue.
void offerDatesByOrder(const DocumentLayout& layout, std::chrono::sys_days today, double certainty,
                       FieldCandidates& fields);

/// Offers what an identity document's labelled value gives for the fields both cards and passports label
/// the same way: "dob" (date_of_birth), "exp" (expiration_date), "iss" (issue_date), "sex". Returns false
/// when `field` is none of them or `value` does not parse as one (the caller tries its own fields then).
bool offerIdentityField(FieldCandidates& fields, const std::string& field, const LocatedText& value,
                        std::chrono::sys_days today, double certainty, const std::string& how);

/// Offers first_name, middle_name, last_name (and notes a suffix) read from one place.
void offerName(FieldCandidates& fields, const PersonName& name, const LocatedText& where, const std::string& how);

/// Offers the name read from separately labelled family and given names (a card's LN/FN, a passport's
/// Surname/Given names): both lines' regions, the weaker line's confidence, a little less certainty than
/// either label alone.
void offerFamilyAndGivenNames(FieldCandidates& fields, const LocatedText& family, const LocatedText& given,
                              const std::string& how);

/// Offers address_line1, address_line2, city, state, postal_code.
void offerAddress(FieldCandidates& fields, const StreetAddress& street, const std::string& unitLine,
                  const CityStateZip& cityLine, const std::vector<Region>& streetRegions,
                  const std::vector<Region>& cityRegions, float lineConfidence, double certainty,
                  const std::string& how);

} // namespace proofdesk
