#pragma once

#include <string>

namespace proofdesk
{

/// Writes `bytes` to `path` so that after return it survives a crash: a temporary file in the same
/// directory, written and fsynced, renamed over `path`, and the directory fsynced. Readers see the old file
/// or the new one, never a part. Throws Error(Unavailable) naming the path and the system error.
void writeFileDurably(const std::string& path, const std::string& bytes, unsigned mode = 0600);

/// Reads a whole file. Throws Error(NotFound) when it does not exist, Error(Unavailable) on other errors.
std::string readWholeFile(const std::string& path);

} // namespace proofdesk
