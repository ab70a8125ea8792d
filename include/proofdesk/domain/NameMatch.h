#pragma once

#include "proofdesk/domain/CheckResult.h"

#include <string>

namespace proofdesk
{

/// A person's name in the three parts of a registration (Profile) or an extraction (first_name,
/// middle_name, last_name). Any case and punctuation; the last name may carry a suffix ("O'Halloran Jr").
struct NameParts
{
    std::string first;
    std::string middle;
    std::string last;
};

/// Compares the registered name with the name read from a document (the name_match rule):
/// - case, accents (Latin-1 and Latin Extended-A folded to ASCII), periods and apostrophes are ignored
///   (O'NEIL = ONEIL, as an MRZ writes it); hyphens and other punctuation separate words
///   (SMITH-JONES = SMITH JONES), and words may be run together (MARY ANN = MARYANN);
/// - generational suffixes JR, SR, II, III, IV, V are ignored unless both sides give one and they differ
///   (then Unknown: a father and a son share a name);
/// - the middle name may be given in full, as its initial, or be absent on either side; a different
///   middle name or initial is Fail;
/// - compound surnames: the document may carry the first word(s) of the surname at the end of the given
///   names (as an MRZ or AAMVA field split can) or the other way round; a document with only one word of
///   a compound surname ("GARCIA" for "GARCIA LOPEZ") is Unknown;
/// - a near miss (one edit, or a similarity of at least 0.8 on a name part) is Unknown with the
///   similarity in the reason, never a silent pass; clearly different is Fail; no name read is Unknown.
/// expected/found are the names as compared, upper case, e.g. "TERRENCE JAMES OHALLORAN JR".
MatchOutcome matchName(const NameParts& registered, const NameParts& document);

/// Levenshtein similarity of two strings, 1 - distance / longer length (1 for two empty strings).
double nameSimilarity(const std::string& a, const std::string& b);

} // namespace proofdesk
