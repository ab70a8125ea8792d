#include "proofdesk/adapters/UspsTableFiles.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/domain/Error.h"

namespace proofdesk
{

namespace
{

std::string readTable(const std::string& path)
{
    try
    {
        return readWholeFile(path);
    }
    catch (const Error& e)
    {
        throw Error(ErrorCode::Configuration, "cannot read the USPS table " + path + ": " + e.what());
    }
}

} // namespace

UspsTables loadUspsTables(const std::string& dir)
{
    const std::string suffixesPath = dir + "/street-suffixes.tsv";
    const std::string unitsPath = dir + "/unit-designators.tsv";
    const std::string directionalsPath = dir + "/directionals.tsv";
    const std::string suffixes = readTable(suffixesPath);
    const std::string units = readTable(unitsPath);
    const std::string directionals = readTable(directionalsPath);
    return parseUspsTables({suffixes, suffixesPath}, {units, unitsPath}, {directionals, directionalsPath});
}

} // namespace proofdesk
