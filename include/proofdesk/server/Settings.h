#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>

#include <map>
#include <string>
#include <vector>

namespace proofdesk
{

/// One documented configuration key, with its default and what it does.
struct SettingSpec
{
    std::string key;          // proofdesk.<component>.<key>
    std::string defaultValue; // may refer to other keys as ${proofdesk.data_dir}
    std::string description;
};

/// Every key proofdesk reads, for --help and for environment overrides (PROOFDESK_HTTP_PORT overrides
/// proofdesk.http.port: the key without "proofdesk.", dots as underscores, upper case).
const std::vector<SettingSpec>& settingSpecs();

/// The environment variable that overrides a key.
std::string environmentNameOf(const std::string& key);

/// Configuration in layers, lowest first: documented defaults, the properties file, the environment,
/// the command line (--data-dir, --port, -D key=value). Throws Error(Configuration) for an unreadable
/// file or an unknown key in it (a typo must not be silently ignored).
Poco::AutoPtr<Poco::Util::LayeredConfiguration> loadConfiguration(const std::string& configFile,
                                                                   const std::map<std::string, std::string>& overrides);

} // namespace proofdesk
