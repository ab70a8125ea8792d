#pragma once

#include "proofdesk/domain/Extraction.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// One file read as `proofdesk extract` reads it.
struct FileReading
{
    std::string file;
    std::string bytes;                    // the file's content, when asked for and it could be read
    std::optional<Extraction> extraction; // what the reader found; absent when the file could not be read
    std::string error;                    // why there is no extraction
};

/// Reads `files` with the local document reader (no server, no database; OCR and reader settings from
/// `config`), in parallel on the configured OCR engines, and hands each result to `ready` in input order,
/// on the calling thread, as soon as it and the files before it are done. An unreadable file gives an
/// error, never an exception; "internal error: " prefixes failures that are not proofdesk Errors.
/// `keepBytes` keeps each file's content in FileReading::bytes (for hashing) instead of dropping it.
void readDocumentFiles(const std::vector<std::string>& files, const Poco::Util::AbstractConfiguration& config,
                       bool keepBytes, const std::function<void(FileReading&)>& ready);

} // namespace proofdesk
