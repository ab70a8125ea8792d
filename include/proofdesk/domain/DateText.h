#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// Which century a two-digit year belongs to depends on what the date is.
enum class DateKind
{
    Past,   // a date of birth: never after today
    Recent  // an issue, expiration or statement date: the century that puts it closest to today
};

/// A date found in a piece of text.
struct DateFound
{
    std::chrono::year_month_day date;
    std::size_t begin = 0;      // byte offsets of the date in the text
    std::size_t end = 0;
    bool exact = true;          // false when OCR look-alikes were read as digits ("2O26") or the order was guessed
    bool twoDigitYear = false;
};

/// Every date written in `text`, in order, in the forms U.S. documents use:
/// 03/14/2026, 3/14/26, 03-14-2026, 03.14.2026, 2026-03-14, March 14, 2026, Mar 14, 2026, Mar. 14 2026,
/// MAR 14 2026, 14 Mar 2026, 14-Mar-2026, 14 MAR 79, 14 Jun/Juin 1979. Numeric dates are month first
/// (day first only when the first number cannot be a month). OCR look-alikes inside a date are read as
/// the digits they resemble (O -> 0, l -> 1, S -> 5...); spaces around separators are tolerated.
/// Only real calendar dates are returned. Never throws.
std::vector<DateFound> findDates(std::string_view text, std::chrono::sys_days today, DateKind kind);

/// The first date in `text` (see findDates), or nullopt.
std::optional<DateFound> firstDate(std::string_view text, std::chrono::sys_days today, DateKind kind);

/// YYYY-MM-DD.
std::string isoDate(std::chrono::year_month_day date);

} // namespace proofdesk
