#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace proofdesk
{

/// A person's name as printed on a document, split the way SPEC 4 reports it.
struct PersonName
{
    std::string first;   // upper case
    std::string middle;  // the middle name(s) or initial, upper case, without the initial's period; may be empty
    std::string last;    // without the generational suffix; particles kept ("DE LA CRUZ")
    std::string suffix;  // JR, SR, II, III, IV, V; empty when none
    bool exact = true;   // false when OCR look-alikes were read as letters ("J0HN")
};

/// A full name on one line: "JOHN Q. PUBLIC JR", "Mary-Kate O'Brien", "Maria del Carmen de la Cruz" (first
/// word the first name, last word with its particles the last name, the rest the middle name), or family
/// name first when a comma says so: "PUBLIC JR, JOHN Q". nullopt unless it reads as a name of at least two
/// words (letters, apostrophes, hyphens, initials' periods).
std::optional<PersonName> parsePersonName(std::string_view text);

/// A name printed in two fields, family name ("SMITH JR") and given names ("JOHN ALAN"), as on a license.
/// nullopt when either is not made of name words.
std::optional<PersonName> parseNameFields(std::string_view family, std::string_view given);

/// How much a line looks like a person's name alone, 0 (not at all) to 1: two to six capitalised name
/// words, no digits, no words of organisations or of documents ("BANK", "LLC", "STATEMENT", "ACCOUNT").
double personNameLikelihood(std::string_view text);

/// Whether a field's text can be part of a name (a family name, given names): one to five name words,
/// none of them a word of organisations, places or documents ("UNITED STATES OF AMERICA" cannot).
bool looksLikeNamePart(std::string_view text);

/// Whether a line names an organisation rather than a person: "BANK", "CREDIT UNION", "LLC", "INC",
/// "UTILITIES", "AUTHORITY", "DISTRICT", "&" and the like.
bool looksLikeOrganisation(std::string_view text);

} // namespace proofdesk
