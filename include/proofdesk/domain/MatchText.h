#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// The words of a text for comparison: ASCII letters upper-cased, accented Latin letters (Latin-1 and Latin
/// Extended-A) folded to their base letters (É -> E, ß -> SS, Ł -> L), combining accents dropped; apostrophes
/// (' ’ ‘ ʼ `) and periods removed without splitting (O'NEIL -> ONEIL, P.O. -> PO); `keep` characters
/// (e.g. "#") kept as words of their own; anything else (spaces, hyphens, commas...) separates words.
/// Invalid UTF-8 bytes separate words. Never throws except std::bad_alloc.
std::vector<std::string> matchWords(std::string_view text, std::string_view keep = {});

/// The words joined with one space.
std::string joinWords(const std::vector<std::string>& words, std::size_t from = 0,
                      std::size_t to = static_cast<std::size_t>(-1));

/// The words run together without spaces ("SMITH JONES" -> "SMITHJONES").
std::string runTogether(const std::vector<std::string>& words, std::size_t from = 0,
                        std::size_t to = static_cast<std::size_t>(-1));

/// Optimal string alignment distance (Levenshtein with adjacent transpositions counted as one edit).
std::size_t typoDistance(std::string_view a, std::string_view b);

/// 1 - typoDistance / length of the longer (1 for two empty strings).
double textSimilarity(std::string_view a, std::string_view b);

/// A near miss: different, but one edit apart or at least `threshold` similar.
bool nearMiss(std::string_view a, std::string_view b, double threshold);

/// The similarity printed for a reviewer: "0.92".
std::string similarityText(double similarity);

} // namespace proofdesk
