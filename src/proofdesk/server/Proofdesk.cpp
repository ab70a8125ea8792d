#include "proofdesk/server/Proofdesk.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/adapters/UspsTableFiles.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Workflow.h"
#include "proofdesk/server/MailSettings.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace proofdesk
{

namespace
{

std::vector<ContactRow> parseContacts(const std::string& text)
{
    std::vector<ContactRow> rows;
    std::stringstream in(text);
    std::string row;
    while (std::getline(in, row, '|'))
    {
        std::size_t eq = row.find('=');
        if (eq == std::string::npos)
            continue;
        rows.push_back(ContactRow{row.substr(0, eq), row.substr(eq + 1)});
    }
    return rows;
}

std::size_t positive(const Poco::Util::AbstractConfiguration& config, const std::string& key)
{
    int value = 0;
    try
    {
        value = config.getInt(key);
    }
    catch (const Poco::Exception&)
    {
        throw Error(ErrorCode::Configuration, "setting " + key + " must be a whole number");
    }
    if (value <= 0)
        throw Error(ErrorCode::Configuration, "setting " + key + " must be greater than 0");
    return static_cast<std::size_t>(value);
}

std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        std::size_t first = item.find_first_not_of(" \t");
        if (first == std::string::npos)
            continue;
        item = item.substr(first, item.find_last_not_of(" \t") - first + 1);
        std::transform(item.begin(), item.end(), item.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        items.push_back(item);
    }
    return items;
}

// Hands reading to the real reader, started only when a fax cover page first needs it (mailgate and tests
// rarely do, and starting the OCR engines costs seconds).
class LazyDocumentReader : public DocumentReader
{
public:
    explicit LazyDocumentReader(Proofdesk& app) : _app(app) {}
    Extraction read(std::string_view bytes) override { return _app.reader().read(bytes); }

private:
    Proofdesk& _app;
};

} // namespace

TesseractOcrSettings ocrSettingsFrom(const Poco::Util::AbstractConfiguration& config)
{
    TesseractOcrSettings settings;
    settings.tessdataPath = config.getString("proofdesk.extraction.tessdata");
    int workers = config.getInt("proofdesk.extraction.workers");
    if (workers < 0)
        throw Error(ErrorCode::Configuration, "proofdesk.extraction.workers must be 0 (automatic) or more");
    settings.engines = workers == 0 ? parallelOcrWorkers() : workers;
    return settings;
}

DocumentReaderSettings readerSettingsFrom(const Poco::Util::AbstractConfiguration& config)
{
    DocumentReaderSettings settings;
    settings.limits.maxPixels = positive(config, "proofdesk.documents.max_pixels");
    settings.limits.maxPages = static_cast<int>(positive(config, "proofdesk.documents.max_pages"));
    settings.maxPagesRead = static_cast<int>(positive(config, "proofdesk.extraction.max_pages_read"));
    settings.dpi = static_cast<int>(positive(config, "proofdesk.extraction.dpi"));
    return settings;
}

WorkflowDefinition loadWorkflowFile(const std::string& path)
{
    std::string text;
    try
    {
        text = readWholeFile(path);
    }
    catch (const Error& e)
    {
        throw Error(ErrorCode::Configuration, "cannot read the workflow file: " + std::string(e.what()));
    }
    return parseWorkflow(text, path);
}

Proofdesk::Proofdesk(const Poco::Util::AbstractConfiguration& config, Clock* clock)
{
    _dataDir = config.getString("proofdesk.data_dir");
    _resourcesDir = config.getString("proofdesk.resources_dir");
    std::error_code ec;
    std::filesystem::create_directories(_dataDir, ec);
    if (ec)
        throw Error(ErrorCode::Configuration, "cannot create the data folder " + _dataDir + ": " + ec.message());

    if (clock == nullptr)
    {
        _systemClock = std::make_unique<SystemClock>();
        clock = _systemClock.get();
    }
    _clock = clock;

    std::string host = config.getString("proofdesk.http.host");
    std::string baseUrl = config.getString("proofdesk.http.base_url");
    _app.baseUrl = baseUrl.empty() ? "http://" + host + ":" + config.getString("proofdesk.http.port") : baseUrl;
    _app.mailFrom = config.getString("proofdesk.mail.from");
    _app.mailDomain = config.getString("proofdesk.mail.domain");
    _app.helpDesk.name = config.getString("proofdesk.helpdesk.name");
    _app.helpDesk.email = config.getString("proofdesk.helpdesk.email");
    _app.helpDesk.phone = config.getString("proofdesk.helpdesk.phone");
    _app.helpDesk.fax = config.getString("proofdesk.helpdesk.fax");
    _app.helpDesk.postalAddress = config.getString("proofdesk.helpdesk.postal_address");
    _app.helpDesk.hours = config.getString("proofdesk.helpdesk.hours");
    _app.helpDesk.contacts = parseContacts(config.getString("proofdesk.helpdesk.contacts"));
    _app.claimLease = std::chrono::minutes(positive(config, "proofdesk.review.lease_minutes"));
    _app.sessionIdle = std::chrono::minutes(positive(config, "proofdesk.review.session_idle_minutes"));
    _app.maxFailedSignIns = static_cast<int>(positive(config, "proofdesk.review.max_failed_sign_ins"));
    _app.maxFileBytes = positive(config, "proofdesk.upload.max_file_mb") * 1024 * 1024;
    _app.maxFilesPerUpload = positive(config, "proofdesk.upload.max_files");
    _app.maxDocumentsPerCase = positive(config, "proofdesk.upload.max_documents_per_case");
    _app.outboxGiveUpAfter = std::chrono::hours(positive(config, "proofdesk.mail.give_up_hours"));

    _web.secureCookies = config.getBool("proofdesk.http.behind_tls");
    _web.uswdsDir = _resourcesDir + "/node_modules/@uswds/uswds/dist";
    _web.staticDir = _resourcesDir + "/web/static";
    _web.maxRequestBytes = _app.maxFileBytes * _app.maxFilesPerUpload + 1024 * 1024;

    // The workflow and templates first: a bad file must stop start-up before anything is written.
    _engine = std::make_unique<WorkflowEngine>(loadWorkflowFile(config.getString("proofdesk.workflow.file")));
    _templates = std::make_unique<CtemplateRenderer>(config.getString("proofdesk.templates.dir"));
    for (const std::string& kind : _engine->definition().notificationNames())
    {
        if (!_templates->hasEmail(kind))
            throw Error(ErrorCode::Configuration, "the workflow sends '" + kind + "' but templates/email/" + kind +
                                                      ".{subject,txt,html}.tpl are missing or broken");
    }
    // The address tables too: a server that cannot compare addresses must not start.
    _uspsTables = loadUspsTables(config.getString("proofdesk.usps.dir"));

    const char* envKey = std::getenv("PROOFDESK_MASTER_KEY");
    _masterKey = std::make_unique<MasterKey>(
        MasterKey::loadOrCreate(config.getString("proofdesk.keys.master_file"), envKey, true));
    _vault = std::make_unique<SodiumVault>(*_masterKey);
    _hasher = std::make_unique<SodiumSecretHasher>();
    _random = std::make_unique<SodiumRandomSource>();

    _database = std::make_unique<SqliteDatabase>(config.getString("proofdesk.database.path"));
    _store = std::make_unique<SqliteCaseStore>(*_database);
    _reviewers = std::make_unique<SqliteReviewerStore>(*_database);
    _documents = std::make_unique<FileDocumentStore>(config.getString("proofdesk.documents.dir"), *_vault, *_random);
    InspectionLimits limits;
    limits.maxPixels = positive(config, "proofdesk.documents.max_pixels");
    limits.maxPages = static_cast<int>(positive(config, "proofdesk.documents.max_pages"));
    _inspector = std::make_unique<LocalDocumentInspector>(limits);
    _transport = makeMailTransport(config, *_clock);

    _notifier = std::make_unique<Notifier>(*_templates, *_vault, *_random, *_clock, _app);
    _perceptualHash = std::make_unique<PerceptualHash>(*_inspector);
    _checks = std::make_unique<CheckService>(*_store, *_engine, _uspsTables, *_vault, *_clock, *_perceptualHash);
    _cases = std::make_unique<CaseService>(*_store, *_engine, *_notifier, *_vault, *_clock, *_checks);
    _registration =
        std::make_unique<RegistrationService>(*_store, *_engine, *_notifier, *_vault, *_hasher, *_random, *_clock);
    _intake = std::make_unique<IntakeService>(*_store, *_documents, *_inspector, *_cases, *_vault, *_clock, _app);
    _review = std::make_unique<ReviewService>(*_reviewers, *_store, *_cases, *_documents, *_inspector, *_hasher, *_vault,
                                              *_random, *_clock, _app);
    _outboxWorker = std::make_unique<OutboxWorker>(*_store, *_transport, *_vault, *_clock, _app, _store.get());
    _ocrSettings = ocrSettingsFrom(config);
    _readerSettings = readerSettingsFrom(config);
    _extractionWorkers = _ocrSettings.engines;

    _mailSettings.faxGateways = commaList(config.getString("proofdesk.mail.fax_gateways"));
    _mailSettings.ownAddresses = commaList(config.getString("proofdesk.mail.own_addresses"));
    _mailSettings.trustedAuthservIds = commaList(config.getString("proofdesk.mail.trusted_authserv_ids"));
    _mailSettings.maxMessageBytes = positive(config, "proofdesk.mail.max_message_mb") * 1024 * 1024;
    _mailSettings.repliesPerSenderPerDay = static_cast<int>(positive(config, "proofdesk.mail.replies_per_sender_per_day"));
    _mailSettings.repliesPerCasePerDay = static_cast<int>(positive(config, "proofdesk.mail.replies_per_case_per_day"));
    _mailStore = std::make_unique<SqliteMailStore>(*_database);
    _mailParser = std::make_unique<PocoMailParser>();
    _lazyReader = std::make_unique<LazyDocumentReader>(*this);
    _mailIntake = std::make_unique<MailIntakeService>(*_mailStore, *_store, *_cases, *_intake, *_notifier, *_mailParser,
                                                      *_lazyReader, *_vault, *_clock, _app, _mailSettings);
    if (!config.getString("proofdesk.pop3.host").empty())
        _poller = std::make_unique<Pop3Poller>(pop3SettingsFrom(config));
}

PollResult Proofdesk::pollMailbox()
{
    if (!_poller)
        throw Error(ErrorCode::Internal, "pollMailbox: no mailbox configured");
    // Only the sink commits; the poller deletes a message only after take() returned.
    PollResult result = _poller->pollOnce(*_mailIntake);
    std::lock_guard<std::mutex> lock(_pollMutex);
    _lastPoll = result;
    return result;
}

DocumentReader& Proofdesk::reader()
{
    std::lock_guard<std::mutex> lock(_readerMutex);
    if (!_reader)
    {
        _ocr = std::make_unique<TesseractOcr>(_ocrSettings);
        _localReader = std::make_unique<LocalDocumentReader>(*_ocr, *_clock, _readerSettings);
        // The mail intake reads an attachment to know what it is; the worker then finds it read.
        _reader = std::make_unique<CachingDocumentReader>(*_localReader);
    }
    return *_reader;
}

ExtractionWorker& Proofdesk::extraction()
{
    if (!_extraction)
        _extraction = std::make_unique<ExtractionWorker>(*_store, *_documents, reader(), *_vault, *_clock, *_checks, *_cases);
    return *_extraction;
}

Proofdesk::~Proofdesk() = default;

int Proofdesk::migrate()
{
    return _database->migrate(_resourcesDir + "/migrations/sqlite");
}

WebServices Proofdesk::webServices()
{
    return WebServices{*_registration, *_intake, *_review, *_cases, *_templates, *this, *_random, *_clock, _app, _web, *_mailIntake};
}

std::vector<ComponentHealth> Proofdesk::health()
{
    std::vector<ComponentHealth> out;
    out.push_back({"web", "Web site", "operational", ""});
    bool dbOk = _database->healthy();
    out.push_back({"database", "Database", dbOk ? "operational" : "system_outage", dbOk ? "" : "not answering"});
    std::string mailStatus = "operational";
    // Public: counts only, never paths or host names.
    std::string mailDetail;
    if (dbOk)
    {
        int failed = _store->countByStatus("failed");
        int pending = _store->countByStatus("pending");
        if (!_outboxWorker->healthy())
        {
            mailStatus = "issues_reported";
            mailDetail = "delivery is being retried";
        }
        else if (failed > 0)
        {
            mailStatus = "issues_reported";
            mailDetail = std::to_string(failed) + " message(s) could not be delivered";
        }
        mailDetail += (mailDetail.empty() ? "" : "; ") + std::to_string(pending) + " waiting";
    }
    out.push_back({"outgoing_mail", "Outgoing mail", mailStatus, mailDetail});
    if (dbOk)
    {
        int waiting = _store->countReadState("queued") + _store->countReadState("reading");
        int failed = _store->countReadState("failed");
        out.push_back({"extraction", "Document reading", "operational",
                       std::to_string(waiting) + " waiting; " + std::to_string(failed) + " could not be read"});
    }
    if (dbOk)
    {
        // Counts only: never senders or subjects.
        int waiting = _mailStore->countInState("stored");
        int triage = _mailStore->countInState("triage");
        std::string status = "operational";
        std::string detail = std::to_string(waiting) + " waiting; " + std::to_string(triage) + " in triage";
        std::lock_guard<std::mutex> lock(_pollMutex);
        if (_lastPoll && !_lastPoll->ok())
        {
            // The poller's error names no sender or subject; the host is the operator's, not PII, but the
            // status page is public: say only that the mailbox is not answering.
            status = "issues_reported";
            detail += "; the mailbox could not be read";
        }
        if (_lastPoll && _lastPoll->tooLarge > 0)
            detail += "; " + std::to_string(_lastPoll->tooLarge) + " message(s) over the size limit left in the mailbox";
        out.push_back({"mail_intake", "Mailbox intake", status, detail});
    }
    bool docsOk = _documents->healthy();
    out.push_back({"documents", "Document storage", docsOk ? "operational" : "issues_reported",
                   docsOk ? "" : "low on disk space"});
    return out;
}

std::vector<std::string> Proofdesk::seedDemo(const std::string& samplesDir, const std::string& reviewerId,
                                             const std::string& reviewerPassword)
{
    std::vector<std::string> lines;
    if (!_reviewers->findReviewer(reviewerId))
    {
        _review->addReviewer(reviewerId, "Demo Reviewer", "supervisor", reviewerPassword);
        lines.push_back("created the demo reviewer");
    }
    std::vector<std::string> allStates;
    for (const StateDef& state : _engine->definition().states())
        allStates.push_back(state.id);
    if (_store->countInStates(allStates) > 0)
        return lines;
    std::vector<std::filesystem::path> folders;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(samplesDir, ec))
    {
        if (entry.is_directory() && std::filesystem::exists(entry.path() / "profile.json"))
            folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    for (const std::filesystem::path& folder : folders)
    {
        Poco::JSON::Object::Ptr profile =
            Poco::JSON::Parser().parse(readWholeFile((folder / "profile.json").string())).extract<Poco::JSON::Object::Ptr>();
        auto get = [&](const std::string& key) { return profile->optValue<std::string>(key, ""); };
        RegistrationForm form = registrationFormFromFields(get);
        form.password = "Pd#" + _random->token(16) + "7q";
        form.passwordConfirm = form.password;
        form.challengeQuestion = challengeQuestions().front();
        form.challengeAnswer = "demo answer " + _random->token(16);
        RegistrationOutcome outcome = _registration->registerApplicant(form, "demo");
        if (!outcome.errors.empty())
        {
            lines.push_back("skipped demo " + folder.filename().string() + ": " + outcome.errors.front().field + ": " +
                            outcome.errors.front().message);
            continue;
        }
        std::optional<CaseRecord> record = _store->findById(outcome.caseId);
        std::vector<IncomingFile> files;
        if (Poco::JSON::Array::Ptr documents = profile->getArray("documents"))
        {
            for (std::size_t i = 0; i < documents->size(); ++i)
            {
                Poco::JSON::Object::Ptr d = documents->getObject(static_cast<unsigned>(i));
                IncomingFile file;
                file.filename = d->optValue<std::string>("file", "");
                file.declaredKind = d->optValue<std::string>("kind", "unknown");
                file.bytes = readWholeFile((folder / file.filename).string());
                files.push_back(std::move(file));
            }
        }
        Actor applicant{"applicant", "applicant"};
        if (!files.empty())
            _intake->takeIn(*record, std::move(files), "demo", applicant);
        std::string last4 = get("ssn_last4");
        if (!last4.empty())
            _intake->provideSsnLast4(*_store->findById(outcome.caseId), last4, applicant);
        record = _store->findById(outcome.caseId);
        lines.push_back("created demo case " + outcome.reference + " (" + record->state + ")");
    }
    return lines;
}

} // namespace proofdesk
