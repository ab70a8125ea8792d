#include "proofdesk/app/RegistrationService.h"

#include "proofdesk/app/EvidenceText.h"
#include "proofdesk/app/ProfileCodec.h"
#include "proofdesk/domain/CaseReference.h"
#include "proofdesk/domain/Error.h"

#include <array>

namespace proofdesk
{

namespace
{

const char* const userIdTakenMessage =
    "This user ID is not available. Choose another one; a user ID can be used only once.";

} // namespace

RegistrationForm registrationFormFromFields(const std::function<std::string(const std::string& field)>& field)
{
    RegistrationForm form;
    form.profile.firstName = field("first_name");
    form.profile.middleName = field("middle_name");
    form.profile.lastName = field("last_name");
    form.profile.dateOfBirth = field("date_of_birth");
    form.profile.street = field("street");
    form.profile.unit = field("unit");
    form.profile.city = field("city");
    form.profile.state = field("state");
    form.profile.zip = field("zip");
    form.profile.email = field("email");
    form.profile.phone = field("phone");
    form.userId = field("user_id");
    form.password = field("password");
    form.passwordConfirm = field("password_confirm");
    form.challengeQuestion = field("challenge_question");
    form.challengeAnswer = field("challenge_answer");
    form.ssn = field("ssn");
    return form;
}

RegistrationService::RegistrationService(CaseStore& store, const WorkflowEngine& engine, Notifier& notifier,
                                         Vault& vault, SecretHasher& hasher, RandomSource& random, Clock& clock)
    : _store(store), _engine(engine), _notifier(notifier), _vault(vault), _hasher(hasher), _random(random),
      _clock(clock)
{
}

std::string RegistrationService::newReference()
{
    std::array<std::uint32_t, 7> indexes{};
    for (std::uint32_t& index : indexes)
        index = _random.uniform(1u << 20);
    return makeCaseReference(indexes);
}

RegistrationOutcome RegistrationService::registerApplicant(const RegistrationForm& raw, const std::string& channel)
{
    RegistrationOutcome outcome;
    RegistrationForm form = normalizeRegistration(raw);
    Instant now = _clock.now();
    outcome.errors = validateRegistration(form, std::chrono::floor<std::chrono::days>(now));
    bool userIdHasError = false;
    for (const FieldError& error : outcome.errors)
        userIdHasError = userIdHasError || error.field == "user_id";
    if (!userIdHasError && _store.userIdTaken(userIdKey(form.userId)))
        outcome.errors.push_back({"user_id", userIdTakenMessage});
    if (!outcome.errors.empty())
        return outcome;

    NewCase newCase;
    CaseRecord& record = newCase.record;
    record.state = _engine.definition().initialState();
    record.userId = form.userId;
    record.channel = channel;
    record.createdAt = now;
    record.stateEnteredAt = now;
    record.updatedAt = now;
    record.wrappedKey = _vault.newWrappedKey();
    record.sealedProfile = _vault.seal(record.wrappedKey, encodeProfile(form.profile));
    outcome.uploadToken = _random.token(24);
    record.sealedUploadToken = _vault.seal(record.wrappedKey, outcome.uploadToken);
    newCase.uploadTokenHash = _vault.keyedHash("upload", outcome.uploadToken);
    newCase.userIdKey = userIdKey(form.userId);
    newCase.emailHash = _vault.keyedHash("email", form.profile.email);
    newCase.passwordHash = _hasher.hash(form.password);
    newCase.challengeQuestion = form.challengeQuestion;
    newCase.challengeAnswerHash = _hasher.hash(form.challengeAnswer);
    if (std::optional<std::string> digits = ssnDigits(form.ssn))
    {
        record.ssnGiven = true;
        newCase.ssnHash = _vault.keyedHash("ssn", *digits);
        newCase.ssnLast4Hash = _vault.keyedHash("ssn_last4", lastFour(*digits));
    }

    // A reference collision is astronomically rare but possible: draw again.
    for (int attempt = 0; attempt < 5; ++attempt)
    {
        record.reference = newReference();
        newCase.outbox.clear();
        const std::string& notify = _engine.definition().onCreateNotify();
        if (!notify.empty())
        {
            TemplateData data;
            data.values["UPLOAD_PATH"] = "/upload/" + outcome.uploadToken;
            for (const EvidenceLine& line : evidenceToSend(_engine.definition(), record.ssnGiven))
                data.add("EVIDENCE").set("ITEM", line.label).set("DETAIL", line.detail);
            if (!record.ssnGiven)
                data.show("SSN_NEEDED");
            newCase.outbox.push_back(_notifier.compose(notify, record, form.profile, std::move(data)));
        }
        newCase.audit = AuditEntry{now, "applicant", "case.created", std::nullopt, std::nullopt,
                                   "channel " + channel + ", state " + record.state};
        std::int64_t caseId = 0;
        switch (_store.createCase(newCase, caseId))
        {
        case CreateCaseResult::Created:
            outcome.caseId = caseId;
            outcome.reference = record.reference;
            return outcome;
        case CreateCaseResult::UserIdTaken:
            outcome.errors.push_back({"user_id", userIdTakenMessage});
            outcome.uploadToken.clear();
            return outcome;
        case CreateCaseResult::ReferenceTaken:
            continue;
        }
    }
    throw Error(ErrorCode::Unavailable, "could not allocate a case reference");
}

} // namespace proofdesk
