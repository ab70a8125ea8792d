#include "proofdesk/server/Cli.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/server/BackgroundTask.h"
#include "proofdesk/server/CheckCommand.h"
#include "proofdesk/server/DocumentFiles.h"
#include "proofdesk/server/MailgateCommand.h"
#include "proofdesk/server/Proofdesk.h"
#include "proofdesk/server/Settings.h"
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/web/WebServer.h"

#include <Poco/Exception.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <pthread.h>
#include <string>
#include <vector>

#ifndef PROOFDESK_VERSION
#define PROOFDESK_VERSION "dev"
#endif

namespace proofdesk
{

namespace
{

const char* const usage = R"(proofdesk - manual identity proofing: intake, review and decision

Usage: proofdesk [GLOBAL OPTIONS] COMMAND [OPTIONS]

Commands:
  serve                 run the web server and its workers until SIGINT or SIGTERM
  migrate               apply pending database migrations and exit
  user add USER_ID [--name NAME] [--role reviewer|supervisor]
                        add a reviewer; the password is read from PROOFDESK_NEW_PASSWORD or stdin
  user list             list reviewers
  user disable USER_ID  disable a reviewer (ends their sessions); `user enable` reverses it
  extract [--json] FILE...
                        read documents (no server, no database): one JSON object per file per line,
                        in input order, as SPEC section 4 describes; a progress line on a terminal
  check --profile PROFILE.json [--today YYYY-MM-DD] [--ssn-last4 DIGITS] FILE...
                        read documents as extract does and check them against a profile: one JSON
                        object with the evidence calculus and every check (pass/fail/unknown)
  mailgate              take ONE RFC 5322 message from stdin (an MTA's pipe delivery); exit 0 taken,
                        65 not a message, 75 try again later
  purge REFERENCE       destroy a case's key, documents and personal data (the audit trail stays)
  config                print the effective configuration

Global options (every command):
  --config FILE         a properties file (keys as below)
  --data-dir DIR        folder for the database, documents, outbox and master key
  -D KEY=VALUE          set any key below
  --help                this help; `proofdesk serve --help` for serve's options
  --version             print the version

Configuration: documented defaults, then --config FILE, then environment variables
(PROOFDESK_<KEY> with dots as underscores, e.g. PROOFDESK_HTTP_PORT), then the command line.
The master key comes from PROOFDESK_MASTER_KEY (64 hex characters) or the key file.
)";

const char* const serveUsage = R"(Usage: proofdesk serve [--port N] [--host ADDRESS] [--demo] [GLOBAL OPTIONS]

Runs the web server, the outbox worker and the workflow timers. Applies migrations first.
  --port N        listen on port N (0 = pick a free port; the URL is printed)
  --host ADDRESS  listen on ADDRESS (default 127.0.0.1)
  --demo          seed a demo reviewer and demo cases from samples/demo when the database has none
Stops cleanly on SIGINT (Ctrl-C) or SIGTERM: in-flight requests and the current round of background work
finish; nothing is left half-written.
)";

struct Args
{
    std::string configFile;
    std::map<std::string, std::string> overrides;
    std::vector<std::string> positional;
    bool help = false;
    bool demo = false;
    bool json = true;  // extract's only format
    std::map<std::string, std::string> options;  // --name, --role; check's --profile, --today, --ssn-last4
};

Args parse(int argc, char** argv)
{
    Args args;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto value = [&](const std::string& option) {
            if (i + 1 >= argc)
                throw Error(ErrorCode::InvalidInput, option + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--help" || a == "-h")
            args.help = true;
        else if (a == "--config")
            args.configFile = value(a);
        else if (a == "--data-dir")
            args.overrides["proofdesk.data_dir"] = value(a);
        else if (a == "--port")
            args.overrides["proofdesk.http.port"] = value(a);
        else if (a == "--host")
            args.overrides["proofdesk.http.host"] = value(a);
        else if (a == "--demo")
            args.demo = true;
        else if (a == "--json")
            args.json = true;
        else if (a == "--name" || a == "--role" || a == "--profile" || a == "--today" || a == "--ssn-last4")
            args.options[a.substr(2)] = value(a);
        else if (a == "-D")
        {
            std::string kv = value(a);
            std::size_t eq = kv.find('=');
            if (eq == std::string::npos)
                throw Error(ErrorCode::InvalidInput, "-D needs KEY=VALUE");
            args.overrides[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        else if (a == "--version")
            args.positional.insert(args.positional.begin(), "version");
        else if (a.size() > 1 && a[0] == '-')
            throw Error(ErrorCode::InvalidInput, "unknown option " + a + " (see proofdesk --help)");
        else
            args.positional.push_back(a);
    }
    return args;
}

void printSettings()
{
    std::cout << "\nSettings (key = default):\n";
    for (const SettingSpec& spec : settingSpecs())
        std::cout << "  " << spec.key << " = " << spec.defaultValue << "\n      " << spec.description
                  << " [env " << environmentNameOf(spec.key) << "]\n";
}

int serve(const Args& args, const Poco::Util::AbstractConfiguration& config)
{
    // Block the stop signals in every thread (threads inherit the mask) and wait for them here.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Proofdesk app(config);
    int applied = app.migrate();
    if (applied > 0)
        std::cout << "proofdesk: applied " << applied << " migration(s)" << std::endl;
    if (args.demo)
    {
        for (const std::string& line : app.seedDemo(app.resourcesDir() + "/samples/demo",
                                                    config.getString("proofdesk.demo.reviewer"),
                                                    config.getString("proofdesk.demo.password")))
            std::cout << "proofdesk: " << line << std::endl;
    }
    std::string host = config.getString("proofdesk.http.host");
    int port = config.getInt("proofdesk.http.port");
    if (port < 0 || port > 65535)
        throw Error(ErrorCode::Configuration, "proofdesk.http.port must be 0 to 65535");
    WebServer web(app.webServices(), host, static_cast<unsigned short>(port), config.getInt("proofdesk.http.threads"));

    if (config.getString("proofdesk.http.base_url").empty())
        app.setBaseUrl("http://" + host + ":" + std::to_string(web.port()));

    // OCR engines start here, before any other thread: Tesseract sets the numeric locale.
    ExtractionWorker& extraction = app.extraction();
    if (int settled = app.cases().settleReadDocuments())
        std::cout << "proofdesk: " << settled << " case(s) moved on by documents read before a restart" << std::endl;
    std::vector<std::unique_ptr<BackgroundTask>> readers;
    for (int i = 0; i < app.extractionWorkers(); ++i)
    {
        readers.push_back(std::make_unique<BackgroundTask>("extraction", std::chrono::seconds(1), [&extraction] {
            // Drain what is waiting; each document is one unit, so a stop waits for one at most.
            for (int n = 0; n < 20 && extraction.readOne(); ++n)
            {
            }
        }));
    }

    BackgroundTask outbox("outbox", std::chrono::seconds(config.getInt("proofdesk.outbox.interval_seconds")),
                          [&app] { app.outbox().drainOnce(); });
    BackgroundTask mail("mail", std::chrono::seconds(config.getInt("proofdesk.mail.process_interval_seconds")),
                        [&app] { app.mailIntake().processPending(); });
    BackgroundTask timers("timers", std::chrono::seconds(config.getInt("proofdesk.timers.interval_seconds")),
                          [&app] { app.cases().runDueTimers(); });
    // The mailbox: each poll takes every message into the store (committed) before deleting it; the mail
    // task above then processes what was taken.
    BackgroundTask pop3("pop3", std::chrono::seconds(config.getInt("proofdesk.pop3.interval_seconds")), [&app, &mail] {
        PollResult result = app.pollMailbox();
        if (!result.ok())
            std::cerr << "proofdesk: pop3: " << result.error << std::endl;
        if (result.taken > 0)
            mail.wake();
    });
    web.start();
    outbox.start();
    timers.start();
    mail.start();
    if (app.mailboxConfigured())
    {
        pop3.start();
        pop3.wake();
    }
    for (auto& reader : readers)
        reader->start();
    outbox.wake();
    timers.wake();
    std::cout << "proofdesk: serving on http://" << host << ":" << web.port() << "/" << std::endl;
    std::cout << "proofdesk: listening port " << web.port() << std::endl;
    if (args.demo)
        std::cout << "proofdesk: reviewer sign-in at http://" << host << ":" << web.port()
                  << "/review/signin as " << config.getString("proofdesk.demo.reviewer") << " / "
                  << config.getString("proofdesk.demo.password") << std::endl;
    std::cout << "proofdesk: outgoing mail goes to " << app.mailTransport() << std::endl;

    int signal = 0;
    sigwait(&stopSignals, &signal);
    std::cout << "proofdesk: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
    web.stop(10);
    timers.stop();
    pop3.stop();
    mail.stop();
    for (auto& reader : readers)
        reader->stop();
    outbox.stop();
    // One last drain so notifications committed by the final requests are not left waiting.
    app.outbox().drainOnce();
    std::cout << "proofdesk: stopped" << std::endl;
    return 0;
}

std::string readPassword()
{
    if (const char* env = std::getenv("PROOFDESK_NEW_PASSWORD"))
        return env;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

int extract(const Args& args, const Poco::Util::AbstractConfiguration& config)
{
    std::vector<std::string> files(args.positional.begin() + 1, args.positional.end());
    if (files.empty())
        throw Error(ErrorCode::InvalidInput, "extract needs at least one FILE");
    bool terminal = ::isatty(2) != 0;
    std::size_t printed = 0;
    readDocumentFiles(files, config, false, [&](FileReading& reading) {
        std::cout << (reading.extraction ? extractionJsonLine(reading.file, *reading.extraction)
                                         : extractionErrorJsonLine(reading.file, reading.error))
                  << "\n"
                  << std::flush;
        ++printed;
        if (terminal)
            std::cerr << "\rextract: " << printed << "/" << files.size() << " files" << std::flush;
    });
    if (terminal)
        std::cerr << "\n";
    return 0;
}

int user(const Args& args, const Poco::Util::AbstractConfiguration& config)
{
    if (args.positional.size() < 2)
        throw Error(ErrorCode::InvalidInput, "user needs add, list, disable or enable (see proofdesk --help)");
    Proofdesk app(config);
    app.migrate();
    const std::string& verb = args.positional[1];
    if (verb == "list")
    {
        for (const ReviewerRecord& r : app.reviewers().reviewers())
            std::cout << r.userId << "\t" << r.role << "\t" << (r.disabled ? "disabled" : "active") << "\t"
                      << r.displayName << "\n";
        return 0;
    }
    if (args.positional.size() < 3)
        throw Error(ErrorCode::InvalidInput, "user " + verb + " needs a USER_ID");
    const std::string& userId = args.positional[2];
    if (verb == "add")
    {
        auto name = args.options.find("name");
        auto role = args.options.find("role");
        app.review().addReviewer(userId, name == args.options.end() ? userId : name->second,
                                 role == args.options.end() ? "reviewer" : role->second, readPassword());
        std::cout << "added reviewer " << userId << "\n";
        return 0;
    }
    if (verb == "disable" || verb == "enable")
    {
        app.reviewers().setDisabled(userId, verb == "disable");
        std::cout << verb << "d reviewer " << userId << "\n";
        return 0;
    }
    throw Error(ErrorCode::InvalidInput, "unknown user command " + verb);
}

} // namespace

int runCli(int argc, char** argv)
{
    try
    {
        Args args = parse(argc, argv);
        std::string command = args.positional.empty() ? "" : args.positional.front();
        if (command == "version")
        {
            std::cout << "proofdesk " << PROOFDESK_VERSION << "\n";
            return 0;
        }
        if (args.help || command.empty())
        {
            std::cout << (command == "serve" ? serveUsage : usage);
            if (command != "serve")
                printSettings();
            return command.empty() && !args.help ? 64 : 0;
        }
        if (command == "mailgate")
            return runMailgate(args.configFile, args.overrides, std::cin, std::cerr);
        auto config = loadConfiguration(args.configFile, args.overrides);
        if (command == "serve")
            return serve(args, *config);
        if (command == "migrate")
        {
            Proofdesk app(*config);
            int applied = app.migrate();
            std::cout << "applied " << applied << " migration(s); schema version " << app.database().schemaVersion()
                      << "\n";
            return 0;
        }
        if (command == "user")
            return user(args, *config);
        if (command == "extract")
            return extract(args, *config);
        if (command == "check")
            return runCheckCommand(args.options, {args.positional.begin() + 1, args.positional.end()}, *config, std::cout);
        if (command == "purge")
        {
            if (args.positional.size() != 2)
                throw Error(ErrorCode::InvalidInput, "purge needs exactly one case REFERENCE");
            Proofdesk app(*config);
            app.migrate();
            std::optional<CaseRecord> record = app.store().findByReference(args.positional[1]);
            if (!record)
                throw Error(ErrorCode::InvalidInput, "no case " + args.positional[1]);
            app.cases().purge(record->id, app.documentStore(), Actor{"operator", "system"});
            std::cout << "purged " << record->reference << "\n";
            return 0;
        }
        if (command == "config")
        {
            for (const SettingSpec& spec : settingSpecs())
                std::cout << spec.key << " = " << config->getString(spec.key) << "\n";
            return 0;
        }
        throw Error(ErrorCode::InvalidInput, "unknown command '" + command + "' (see proofdesk --help)");
    }
    catch (const Error& e)
    {
        std::cerr << "proofdesk: " << e.what() << std::endl;
        return e.code() == ErrorCode::InvalidInput ? 64 : (e.code() == ErrorCode::Configuration ? 78 : 1);
    }
    catch (const Poco::Exception& e)
    {
        std::cerr << "proofdesk: " << e.displayText() << std::endl;
        return 1;
    }
    catch (const std::exception& e)
    {
        std::cerr << "proofdesk: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace proofdesk
