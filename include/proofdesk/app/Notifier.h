#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/domain/Case.h"
#include "proofdesk/domain/Profile.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/TemplateRenderer.h"
#include "proofdesk/ports/Vault.h"

#include <string>

namespace proofdesk
{

/// Turns a notification kind into a sealed outbox row for a case: renders the template, chooses a stable
/// Message-ID, seals the message with the case key. Writes nothing: the caller commits the row together
/// with the state change that caused it.
class Notifier
{
public:
    Notifier(TemplateRenderer& renderer, Vault& vault, RandomSource& random, Clock& clock, const AppSettings& settings);

    /// The outbox row for `kind` about `record`, addressed to the profile's email.
    /// `data` adds to the standard values (reference, names, help desk, links).
    OutboxRecord compose(const std::string& kind, const CaseRecord& record, const Profile& profile,
                         TemplateData data);

    /// The values every template may use: help desk name and contacts, reference, first name...
    TemplateData standardData(const CaseRecord& record, const Profile& profile) const;

private:
    TemplateRenderer& _renderer;
    Vault& _vault;
    RandomSource& _random;
    Clock& _clock;
    const AppSettings& _settings;
};

} // namespace proofdesk
