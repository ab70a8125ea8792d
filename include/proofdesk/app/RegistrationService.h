#pragma once

#include "proofdesk/app/Notifier.h"
#include "proofdesk/domain/Registration.h"
#include "proofdesk/domain/WorkflowEngine.h"
#include "proofdesk/ports/CaseStore.h"

#include <functional>
#include <string>
#include <vector>

namespace proofdesk
{

struct RegistrationOutcome
{
    std::vector<FieldError> errors;  // one per field; empty on success
    std::int64_t caseId = 0;
    std::string reference;
    std::string uploadToken;         // for the upload link shown once on the confirmation page
};

/// A registration form from named fields (the form's field names: first_name, ..., ssn), wherever they come
/// from: the web form, a demo profile file.
RegistrationForm registrationFormFromFields(const std::function<std::string(const std::string& field)>& field);

/// Initiate Manual Proofing: validates the registration, reserves the user ID and opens the case with its
/// instructions email, all in one transaction.
class RegistrationService
{
public:
    RegistrationService(CaseStore& store, const WorkflowEngine& engine, Notifier& notifier, Vault& vault,
                        SecretHasher& hasher, RandomSource& random, Clock& clock);

    /// Registers; returns field errors (nothing written) or the new case. Throws Error(Unavailable) when
    /// storage fails.
    RegistrationOutcome registerApplicant(const RegistrationForm& form, const std::string& channel);

private:
    std::string newReference();

    CaseStore& _store;
    const WorkflowEngine& _engine;
    Notifier& _notifier;
    Vault& _vault;
    SecretHasher& _hasher;
    RandomSource& _random;
    Clock& _clock;
};

} // namespace proofdesk
