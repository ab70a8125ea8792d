#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

// Case references are what applicants quote on the phone, type into subjects and write on fax cover pages:
// `PD-7K3M-Q9XD`. The 8 characters come from Crockford's base32 alphabet (digits and upper-case letters
// without I, L, O, U, so nothing looks like anything else); the 8th is a check character over the first 7.
//
// The check character is c = w1*a1 + ... + w7*a7 computed in the finite field GF(32) (polynomial
// x^5 + x^2 + 1), with distinct non-zero weights wi = x^i and the check itself weighted 1. Because the field
// has no zero divisors, EVERY change of a single character (the check included) is detected, and so is
// every transposition of two different characters, adjacent or not. 32^7 (about 3.4e10) references exist.

/// The 32 symbols, in value order: "0123456789ABCDEFGHJKMNPQRSTVWXYZ".
std::string_view caseReferenceAlphabet();

/// The canonical reference "PD-XXXX-XXXX" for seven symbol values; each index is reduced modulo 32, so the
/// caller supplies the randomness (e.g. seven uniformly random 32-bit numbers) and this never fails.
std::string makeCaseReference(const std::array<std::uint32_t, 7>& randomIndexes);

/// The canonical form of a reference typed or read by a person or by OCR, or std::nullopt when `text` is
/// not a reference with a matching check character. Tolerant: any case; blanks, line breaks and dashes
/// (ASCII or typographic) anywhere or missing ("pd 7k3m q9xd", "PD7K3MQ9XD"); O read as 0 and I or L read
/// as 1, as Crockford decoding does. Nothing else may surround the reference.
std::optional<std::string> normalizeCaseReference(std::string_view text);

/// Every valid reference in free text (subjects, bodies, OCR text), canonical, in order of first
/// appearance, without duplicates. A reference starts at a word boundary with "PD", is followed by 4 and 4
/// symbols (O, I, L accepted as above) and ends at a word boundary; before each group of 4 there may be
/// nothing, a dash (with up to 3 blanks either side) or up to 3 blanks. Unless at least one dash is there,
/// the 8 symbols must include a digit (93% of references do), so that words after "PD" ("PD will help")
/// or starting with it are never taken for a reference; the check character then removes all but 1 in 32
/// of the remaining accidental look-alikes.
std::vector<std::string> findCaseReferences(std::string_view text);

/// References that OCR nearly read: where free text has the shape of a reference ("PD", then two groups of 4
/// letters or digits, separated as findCaseReferences allows) but no valid check character, the one
/// reference a single usual OCR confusion explains. A U (no symbol) is read as the J or V the check
/// character asks for; otherwise one character is swapped for a look-alike (5/S, 8/B, 2/Z, 6/G, 0/D/Q, 1/T/7,
/// 4/A, V/Y, M/N, ...) and the repair is kept only when exactly one swap validates. Guesses: use them only to
/// look up cases that exist, never to create one. Canonical, in order, without duplicates.
std::vector<std::string> repairMisreadCaseReferences(std::string_view text);

} // namespace proofdesk
