#pragma once

#include "fakes/ManualClock.h"
#include "support/TempDir.h"

#include "proofdesk/server/Proofdesk.h"
#include "proofdesk/server/Settings.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace proofdesk::test
{

/// The whole system as the server builds it (real SQLite, real files, real templates and workflow), in a
/// temporary folder, on a manual clock, without the HTTP server.
struct TestSystem
{
    TempDir dir;
    ManualClock clock;
    std::unique_ptr<Proofdesk> app;

    explicit TestSystem(std::map<std::string, std::string> overrides = {})
    {
        overrides["proofdesk.data_dir"] = dir.path();
        overrides["proofdesk.resources_dir"] = PROOFDESK_SOURCE_DIR;
        auto config = loadConfiguration("", overrides);
        app = std::make_unique<Proofdesk>(*config, &clock);
        app->migrate();
    }

    /// A valid registration form; `n` varies the user ID and email.
    static RegistrationForm form(int n = 1, bool withSsn = false)
    {
        RegistrationForm f;
        f.profile.firstName = "Marisol";
        f.profile.lastName = "Quintero-Hale";
        f.profile.dateOfBirth = "1979-06-14";
        f.profile.street = "418 Larkspur Ave";
        f.profile.unit = "Apt 3B";
        f.profile.city = "Dayton";
        f.profile.state = "OH";
        f.profile.zip = "45402";
        f.profile.email = "marisol" + std::to_string(n) + "@example.org";
        f.profile.phone = "937-555-0142";
        f.userId = "mqhale" + std::to_string(1000 + n);
        f.password = "Tangerine#Orbit77";
        f.passwordConfirm = f.password;
        f.challengeQuestion = challengeQuestions().front();
        f.challengeAnswer = "blue heron";
        if (withSsn)
            f.ssn = "219-09-9999";
        return f;
    }

    /// The .eml files in the outbox folder, sorted.
    std::vector<std::string> outboxFiles() const
    {
        std::vector<std::string> files;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir / "outbox", ec))
        {
            if (entry.path().extension() == ".eml" && entry.path().filename().string()[0] != '.')
                files.push_back(entry.path().string());
        }
        std::sort(files.begin(), files.end());
        return files;
    }
};

} // namespace proofdesk::test
