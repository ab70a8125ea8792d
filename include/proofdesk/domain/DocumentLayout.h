#pragma once

#include "proofdesk/domain/TextPage.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// A word of a line, with where it probably is: lines come with one box, so a word's horizontal extent is
/// estimated from its character offsets within the line (close enough to tell columns apart).
struct LayoutWord
{
    std::string text;  // as read, punctuation kept ("Dallas,", "DOB:")
    std::string key;   // upper-case ASCII letters and digits only ("DALLAS", "DOB"); may be empty
    double x0 = 0;
    double x1 = 0;
};

/// A line of a page as the document readers see it.
struct LayoutLine
{
    int index = 0;  // position in DocumentLayout::lines()
    int page = 0;
    Region box;
    float confidence = 1.0f;
    double height = 0;  // glyph height in pixels (the box height when the source did not say)
    std::string text;   // cleaned: typographic quotes and dashes made ASCII, spaces collapsed
    std::vector<LayoutWord> words;

    double top() const { return box.y; }
    double bottom() const { return box.y + box.height; }
    double left() const { return box.x; }
    double right() const { return box.x + box.width; }
};

/// A contiguous run of words of one line: a label, a value.
struct WordSpan
{
    int line = -1;
    std::size_t begin = 0;  // first word
    std::size_t end = 0;    // one past the last word

    bool empty() const { return end <= begin; }
};

/// A phrase to look for (a label such as "Date of Birth"), tolerant of OCR noise: case, punctuation, a
/// missing or extra space, and a small edit distance on long words.
struct LabelPhrase
{
    std::string field;   // what the label announces (the reader's own name for it)
    std::string phrase;  // words separated by spaces; matched on their letters and digits
    int priority = 0;    // smaller is better when several labels announce the same field
};

/// Where a label was found.
struct LabelHit
{
    const LabelPhrase* label = nullptr;
    WordSpan span;
    bool exact = true;  // false when OCR tolerance was needed to match it
};

/// The lines of a document's pages, with helpers to find labels and the values beside or below them.
/// Holds copies; the pages may go away.
class DocumentLayout
{
public:
    explicit DocumentLayout(const std::vector<TextPage>& pages);

    /// All lines, page by page, each page top to bottom then left to right.
    const std::vector<LayoutLine>& lines() const { return _lines; }

    /// Number of pages given.
    int pageCount() const { return static_cast<int>(_pages.size()); }

    /// Page size in pixels; {0, 0} when unknown. The extent of the page's lines stands in for a page
    /// whose size was not given.
    std::pair<int, int> pageSize(int page) const;

    /// The median glyph height of a page's lines (a yardstick for "large" and "near"); 0 without lines.
    double typicalHeight(int page) const;

    /// Every occurrence of the labels in every line, longest match first at each place, without overlap.
    std::vector<LabelHit> findLabels(const std::vector<LabelPhrase>& labels) const;

    /// The text of a span, words joined by single spaces.
    std::string spanText(const WordSpan& span) const;

    /// The estimated box of a span (the line's box narrowed to the words).
    Region spanRegion(const WordSpan& span) const;

    /// The words of line `line` after `after` up to (not including) `stop`, or to the end.
    WordSpan restOfLine(int line, std::size_t after, std::size_t stop) const;

    /// The nearest line to the right of [x0,x1] on the same row of line `line` (vertical overlap of half the
    /// smaller height), within `maxGap` pixels; nullopt when there is none.
    std::optional<int> lineToTheRight(int line, double x1, double maxGap) const;

    /// The nearest line below line `line` whose words cover the column [x0, x1) (estimated), at most
    /// `maxGap` pixels below it. Returns the words of that line inside the column.
    std::optional<WordSpan> valueBelow(int line, double x0, double x1, double maxGap) const;

private:
    std::vector<TextPage> _pages;  // sizes only (lines are in _lines)
    std::vector<LayoutLine> _lines;
    std::vector<double> _typicalHeights;
};

namespace text
{

/// Typographic apostrophes, quotes and dashes made ASCII, no-break spaces made spaces, runs of spaces
/// collapsed, ends trimmed.
std::string cleanText(std::string_view text);

/// The letters and digits of `text`, upper-cased.
std::string alnumKey(std::string_view text);

/// The digit an OCR engine most likely meant by this character ('O' -> '0', 'l' -> '1', 'S' -> '5'...),
/// the character itself when it is a digit, '\0' when it does not look like one.
char digitLookalike(char c);

/// The letter an OCR engine most likely meant by this character ('0' -> 'O', '1' -> 'I', '5' -> 'S'...),
/// upper case; '\0' when it does not look like a letter.
char letterLookalike(char c);

/// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit);

/// The fewest edits that turn `pattern` into some run of characters of `text` (a pattern found inside a
/// longer word, as when OCR glues words together), giving up (returning limit + 1) beyond `limit`.
std::size_t substringDistance(std::string_view text, std::string_view pattern, std::size_t limit);

/// How many edits OCR tolerance allows on a word of this many characters (0 up to 4, 1 up to 8, 2 beyond).
std::size_t editAllowance(std::size_t length);

} // namespace text

} // namespace proofdesk
