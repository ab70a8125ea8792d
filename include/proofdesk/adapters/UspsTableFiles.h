#pragma once

#include "proofdesk/domain/UspsTables.h"

#include <string>

namespace proofdesk
{

/// Reads the USPS Publication 28 tables from `dir` (setting proofdesk.usps.dir, by default the repository's
/// data/usps): street-suffixes.tsv, unit-designators.tsv and directionals.tsv, parsed by parseUspsTables.
/// Throws Error(Configuration) naming the file when one cannot be read or is malformed ("<dir>/<file>:<line>:
/// ..."), so a server without its tables does not start.
UspsTables loadUspsTables(const std::string& dir);

} // namespace proofdesk
