#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace proofdesk
{

/// The USPS Publication 28 abbreviation tables that address matching normalises with. They are data, kept
/// in the repository as tab-separated files (data/usps/*.tsv, each naming its source in a header comment);
/// the domain parses their text, the server reads the files (loadUspsTables in adapters/UspsTableFiles.h).
///
/// File format (UTF-8): one row per line, columns separated by TABs; blank lines and lines starting with
/// '#' are ignored; words are upper case letters, digits and '#'.
/// - street-suffixes.tsv (Appendix C1): PRIMARY NAME, COMMONLY USED SPELLING, STANDARD ABBREVIATION; each of
///   the three maps to the standard abbreviation.
/// - unit-designators.tsv (Appendix C2): NAME, ABBREVIATION, RANGE ("yes" when a number follows the
///   designator, "no" for BASEMENT, FRONT... that take none); name and abbreviation map to the abbreviation.
/// - directionals.tsv (Appendix B): NAME, ABBREVIATION (NORTH N, NORTHWEST NW; Spanish names allowed).
/// A word that maps to two different abbreviations within one table is refused.
struct UspsTables
{
    std::map<std::string, std::string> streetSuffixes;   // any spelling -> standard abbreviation
    std::map<std::string, std::string> unitDesignators;  // any spelling -> standard abbreviation ("#" -> "#")
    std::set<std::string> unitsWithoutRange;             // standard abbreviations that take no number
    std::map<std::string, std::string> directionals;     // any spelling -> N, S, E, W, NE, NW, SE, SW
};

/// One table file's text and the name used for it in messages ("street-suffixes.tsv").
struct UspsTableText
{
    std::string_view text;
    std::string sourceName;
};

/// Parses the three tables (format above). Throws Error(Configuration, "<sourceName>:<line>: <problem>")
/// for a row with the wrong number of columns, a bad word or RANGE value, a word mapped twice, or an
/// empty table.
UspsTables parseUspsTables(const UspsTableText& streetSuffixes, const UspsTableText& unitDesignators,
                           const UspsTableText& directionals);

} // namespace proofdesk
