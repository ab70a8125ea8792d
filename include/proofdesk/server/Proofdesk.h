#pragma once

#include "proofdesk/adapters/CtemplateRenderer.h"
#include "proofdesk/adapters/FileDocumentStore.h"
#include "proofdesk/adapters/FolderMailTransport.h"
#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/LocalDocumentReader.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/adapters/MasterKey.h"
#include "proofdesk/adapters/PerceptualHash.h"
#include "proofdesk/adapters/PocoMailParser.h"
#include "proofdesk/adapters/Pop3Poller.h"
#include "proofdesk/adapters/SodiumRandomSource.h"
#include "proofdesk/adapters/SodiumSecretHasher.h"
#include "proofdesk/adapters/SodiumVault.h"
#include "proofdesk/adapters/SqliteCaseStore.h"
#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/adapters/SqliteMailStore.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/app/CachingDocumentReader.h"
#include "proofdesk/app/CaseService.h"
#include "proofdesk/app/CheckService.h"
#include "proofdesk/app/ExtractionWorker.h"
#include "proofdesk/app/IntakeService.h"
#include "proofdesk/app/MailIntakeService.h"
#include "proofdesk/app/OutboxWorker.h"
#include "proofdesk/app/RegistrationService.h"
#include "proofdesk/app/ReviewService.h"
#include "proofdesk/domain/WorkflowEngine.h"
#include "proofdesk/web/HealthSource.h"
#include "proofdesk/web/WebSupport.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace proofdesk
{

/// The composition root: reads configuration into settings, builds the adapters and services once, and
/// hands them to whoever needs them (the web server, the workers, the CLI). Nothing below it reaches for
/// globals. Throws Error(Configuration) with a message naming the bad setting or file.
class Proofdesk : public HealthSource
{
public:
    /// `clock` lets tests run the whole system on a manual clock; null means the system clock.
    explicit Proofdesk(const Poco::Util::AbstractConfiguration& config, Clock* clock = nullptr);
    ~Proofdesk() override;

    /// Applies pending migrations; returns how many.
    int migrate();

    /// Seeds the demo reviewer and demo cases from samples/demo when the database has no cases.
    /// Returns a line per thing created (printed by serve --demo).
    std::vector<std::string> seedDemo(const std::string& samplesDir, const std::string& reviewerId,
                                      const std::string& reviewerPassword);

    std::vector<ComponentHealth> health() override;

    SqliteDatabase& database() { return *_database; }
    SqliteCaseStore& store() { return *_store; }
    SqliteReviewerStore& reviewers() { return *_reviewers; }
    CaseService& cases() { return *_cases; }
    /// The checks of stored cases (USPS tables loaded at start).
    CheckService& checks() { return *_checks; }
    RegistrationService& registration() { return *_registration; }
    IntakeService& intake() { return *_intake; }
    ReviewService& review() { return *_review; }
    OutboxWorker& outbox() { return *_outboxWorker; }
    DocumentStore& documentStore() { return *_documents; }
    /// The extraction worker; its OCR engines are initialised on the first call (call it before threads
    /// start: Tesseract sets the numeric locale).
    ExtractionWorker& extraction();
    /// The document reader (OCR engines started on the first call; thread-safe).
    DocumentReader& reader();
    /// Incoming mail: the MessageSink the POP3 poller and `mailgate` hand raw messages to, its processing
    /// step and triage. Fax cover pages start the OCR engines on first use.
    MailIntakeService& mailIntake() { return *_mailIntake; }
    SqliteMailStore& mailStore() { return *_mailStore; }
    const MailIntakeSettings& mailSettings() const { return _mailSettings; }
    MailParser& mailParser() { return *_mailParser; }
    /// True when a POP3 mailbox is configured (proofdesk.pop3.host).
    bool mailboxConfigured() const { return _poller != nullptr; }
    /// Polls the mailbox once into mailIntake() (each message committed before it is deleted). Never throws
    /// for network or server failures: they are kept for health() and returned. Requires mailboxConfigured().
    PollResult pollMailbox();
    Notifier& notifier() { return *_notifier; }
    /// Where outgoing mail goes ("folder ...", "smtp host:port"), for the start-up message.
    std::string mailTransport() const { return _transport->describe(); }
    Vault& vault() { return *_vault; }
    int extractionWorkers() const { return _extractionWorkers; }
    TemplateRenderer& templates() { return *_templates; }
    RandomSource& random() { return *_random; }
    Clock& clock() { return *_clock; }
    const AppSettings& appSettings() const { return _app; }
    const WebSettings& webSettings() const { return _web; }
    WebServices webServices();
    /// The public URL used in emails, once the port is known (port 0 picks one at bind time).
    void setBaseUrl(const std::string& url) { _app.baseUrl = url; }

    const std::string& dataDir() const { return _dataDir; }
    const std::string& resourcesDir() const { return _resourcesDir; }

private:
    std::string _dataDir;
    std::string _resourcesDir;
    AppSettings _app;
    WebSettings _web;
    std::unique_ptr<SystemClock> _systemClock;
    Clock* _clock;
    std::unique_ptr<MasterKey> _masterKey;
    std::unique_ptr<SodiumVault> _vault;
    std::unique_ptr<SodiumSecretHasher> _hasher;
    std::unique_ptr<SodiumRandomSource> _random;
    std::unique_ptr<SqliteDatabase> _database;
    std::unique_ptr<SqliteCaseStore> _store;
    std::unique_ptr<SqliteReviewerStore> _reviewers;
    std::unique_ptr<FileDocumentStore> _documents;
    std::unique_ptr<LocalDocumentInspector> _inspector;
    std::unique_ptr<MailTransport> _transport;  // the SMTP relay, or the outbox folder
    std::unique_ptr<CtemplateRenderer> _templates;
    std::unique_ptr<WorkflowEngine> _engine;
    std::unique_ptr<Notifier> _notifier;
    UspsTables _uspsTables;
    std::unique_ptr<PerceptualHash> _perceptualHash;
    std::unique_ptr<CheckService> _checks;
    std::unique_ptr<CaseService> _cases;
    std::unique_ptr<RegistrationService> _registration;
    std::unique_ptr<IntakeService> _intake;
    std::unique_ptr<ReviewService> _review;
    std::unique_ptr<OutboxWorker> _outboxWorker;
    std::unique_ptr<TesseractOcr> _ocr;
    std::unique_ptr<DocumentReader> _localReader;
    std::unique_ptr<DocumentReader> _reader;  // _localReader behind a CachingDocumentReader
    std::unique_ptr<ExtractionWorker> _extraction;
    std::mutex _readerMutex;
    std::unique_ptr<DocumentReader> _lazyReader;
    std::unique_ptr<SqliteMailStore> _mailStore;
    std::unique_ptr<PocoMailParser> _mailParser;
    std::unique_ptr<MailIntakeService> _mailIntake;
    MailIntakeSettings _mailSettings;
    std::unique_ptr<Pop3Poller> _poller;
    std::mutex _pollMutex;
    std::optional<PollResult> _lastPoll;
    TesseractOcrSettings _ocrSettings;
    DocumentReaderSettings _readerSettings;
    int _extractionWorkers = 1;
};

/// Reading settings from configuration (for the server and for `proofdesk extract`).
TesseractOcrSettings ocrSettingsFrom(const Poco::Util::AbstractConfiguration& config);
DocumentReaderSettings readerSettingsFrom(const Poco::Util::AbstractConfiguration& config);

/// Reads a workflow file and parses it. Throws Error(Configuration) naming the file, line and place.
WorkflowDefinition loadWorkflowFile(const std::string& path);

} // namespace proofdesk
