#include "proofdesk/server/Settings.h"

#include "proofdesk/domain/Error.h"

#include <Poco/Exception.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
#include <set>

#ifndef PROOFDESK_SOURCE_DIR
#define PROOFDESK_SOURCE_DIR "."
#endif

namespace proofdesk
{

const std::vector<SettingSpec>& settingSpecs()
{
    static const std::vector<SettingSpec> specs = {
        {"proofdesk.data_dir", "var", "Folder for the database, documents, outbox and master key."},
        {"proofdesk.resources_dir", PROOFDESK_SOURCE_DIR,
         "Folder holding templates/, workflows/, migrations/, web/ and node_modules/."},
        {"proofdesk.http.host", "127.0.0.1", "Address the web server listens on."},
        {"proofdesk.http.port", "8080", "Port the web server listens on; 0 picks a free one and prints it."},
        {"proofdesk.http.threads", "16", "Request threads."},
        {"proofdesk.http.base_url", "", "Public URL used in emails; default http://HOST:PORT."},
        {"proofdesk.http.behind_tls", "false", "Set true behind a TLS proxy: cookies get the Secure flag."},
        {"proofdesk.database.path", "${proofdesk.data_dir}/proofdesk.db", "SQLite database file."},
        {"proofdesk.documents.dir", "${proofdesk.data_dir}/documents", "Folder of encrypted documents."},
        {"proofdesk.keys.master_file", "${proofdesk.data_dir}/master.key",
         "Master key file (32 bytes, hex), created with mode 0600 on first run; the environment variable "
         "PROOFDESK_MASTER_KEY takes precedence. Never stored in the database."},
        {"proofdesk.workflow.file", "${proofdesk.resources_dir}/workflows/manual-proofing.json", "The workflow definition."},
        {"proofdesk.templates.dir", "${proofdesk.resources_dir}/templates", "Email and page templates."},
        {"proofdesk.usps.dir", "${proofdesk.resources_dir}/data/usps",
         "USPS Publication 28 tables for the address checks: street-suffixes.tsv, unit-designators.tsv, "
         "directionals.tsv."},
        {"proofdesk.mail.outbox_dir", "${proofdesk.data_dir}/outbox", "Where outgoing mail is written as .eml files."},
        {"proofdesk.mail.from", "helpdesk@proofdesk.example", "From address of outgoing mail."},
        {"proofdesk.mail.domain", "proofdesk.example", "Domain of Message-IDs."},
        {"proofdesk.mail.give_up_hours", "72", "Stop retrying an outgoing message after this many hours."},
        {"proofdesk.smtp.host", "",
         "SMTP relay for outgoing mail; empty = write .eml files to proofdesk.mail.outbox_dir (embedded default)."},
        {"proofdesk.smtp.port", "587", "SMTP relay port (587 submission, 465 implicit TLS, 25 relay)."},
        {"proofdesk.smtp.tls", "starttls",
         "none, opportunistic (STARTTLS if offered; no AUTH without it), starttls (required) or implicit."},
        {"proofdesk.smtp.user", "", "SMTP AUTH user; empty = no AUTH."},
        {"proofdesk.smtp.password", "",
         "SMTP AUTH password: set it in the environment as PROOFDESK_SMTP_PASSWORD, not in a file."},
        {"proofdesk.smtp.auth", "plain", "SMTP AUTH method: plain or login."},
        {"proofdesk.smtp.timeout_seconds", "30", "SMTP connect and read/write timeout."},
        {"proofdesk.smtp.helo_name", "${proofdesk.mail.domain}", "Name given in EHLO."},
        {"proofdesk.smtp.ca_file", "", "Extra trusted CA certificate(s) (PEM) for the relay, besides the system's."},
        {"proofdesk.pop3.host", "", "POP3 mailbox of the help desk, polled for incoming mail; empty = no polling."},
        {"proofdesk.pop3.port", "995", "POP3 port (995 implicit TLS, 110 plain or STLS)."},
        {"proofdesk.pop3.tls", "implicit", "none, stls (required) or implicit."},
        {"proofdesk.pop3.user", "", "POP3 user."},
        {"proofdesk.pop3.password", "",
         "POP3 password: set it in the environment as PROOFDESK_POP3_PASSWORD, not in a file."},
        {"proofdesk.pop3.interval_seconds", "60", "How often the mailbox is polled."},
        {"proofdesk.pop3.timeout_seconds", "60", "POP3 connect and read/write timeout."},
        {"proofdesk.pop3.max_message_bytes", "52428800",
         "Larger messages (by LIST size) stay in the mailbox and are reported, never dropped."},
        {"proofdesk.pop3.max_messages_per_poll", "100", "Messages taken in one poll; the rest wait for the next."},
        {"proofdesk.pop3.ca_file", "", "Extra trusted CA certificate(s) (PEM) for the mailbox, besides the system's."},
        {"proofdesk.mail.fax_gateways", "",
         "Sender addresses of fax-to-email gateways, comma-separated: their mail is matched by the case reference "
         "on the fax's cover page and never answered."},
        {"proofdesk.mail.own_addresses", "${proofdesk.mail.from}",
         "Our own addresses, comma-separated: incoming mail from them is kept but never answered (loops)."},
        {"proofdesk.mail.trusted_authserv_ids", "",
         "Authentication-Results authserv-ids of our own receiving MTA, comma-separated; empty: the topmost header."},
        {"proofdesk.mail.max_message_mb", "50", "Largest incoming message taken, in MB."},
        {"proofdesk.mail.replies_per_sender_per_day", "3", "Automatic replies to one sender per day at most."},
        {"proofdesk.mail.replies_per_case_per_day", "3", "Automatic replies about one case per day at most."},
        {"proofdesk.mail.process_interval_seconds", "2", "How often stored incoming mail is processed."},
        {"proofdesk.upload.max_file_mb", "20", "Largest accepted file, in MB."},
        {"proofdesk.upload.max_files", "10", "Most files in one upload."},
        {"proofdesk.upload.max_documents_per_case", "40", "Most documents one case can hold."},
        {"proofdesk.documents.max_pixels", "50000000", "Largest image (width x height) accepted."},
        {"proofdesk.documents.max_pages", "50", "Most pages in one PDF or TIFF."},
        {"proofdesk.review.lease_minutes", "30", "How long a claim on a case lasts."},
        {"proofdesk.review.session_idle_minutes", "30", "Reviewer sessions end after this much inactivity."},
        {"proofdesk.review.max_failed_sign_ins", "5", "Failed sign-ins before an account is locked."},
        {"proofdesk.timers.interval_seconds", "60", "How often due workflow timers are fired."},
        {"proofdesk.extraction.workers", "0",
         "Documents read at once; 0 = the cores this machine can really run in parallel."},
        {"proofdesk.extraction.tessdata", "/usr/share/tesseract-ocr/5/tessdata", "Tesseract's model folder."},
        {"proofdesk.extraction.max_pages_read", "4", "Pages of one file read at most."},
        {"proofdesk.extraction.dpi", "300", "Resolution documents are read at."},
        {"proofdesk.outbox.interval_seconds", "1", "How often the outbox is drained."},
        {"proofdesk.helpdesk.name", "Identity Proofing Help Desk", "The help desk's name, in pages and emails."},
        {"proofdesk.helpdesk.email", "helpdesk@proofdesk.example", "Where applicants email documents."},
        {"proofdesk.helpdesk.phone", "1-800-555-0100", "The help desk's phone number."},
        {"proofdesk.helpdesk.fax", "1-800-555-0199", "The fax number for documents."},
        {"proofdesk.helpdesk.postal_address", "Identity Proofing Help Desk, PO Box 1000, Washington, DC 20001",
         "The postal address for documents."},
        {"proofdesk.helpdesk.hours", "Monday to Friday, 8 a.m. to 8 p.m. Eastern Time", "Opening hours."},
        {"proofdesk.helpdesk.contacts",
         "Questions about manual proofing or your documents=Email helpdesk@proofdesk.example or call "
         "1-800-555-0100|Account lockout or sign-in problems=Call 1-800-555-0100, Monday to Friday, 8 a.m. to 8 "
         "p.m. ET|Technical problems with this site=Email helpdesk@proofdesk.example with your case reference",
         "The contact table by question type: rows separated by |, each TOPIC=HOW."},
        {"proofdesk.demo.reviewer", "demo.reviewer", "User ID of the demo reviewer seeded by serve --demo."},
        {"proofdesk.demo.password", "Queue#Works2026", "Password of the demo reviewer."},
    };
    return specs;
}

std::string environmentNameOf(const std::string& key)
{
    std::string rest = key.rfind("proofdesk.", 0) == 0 ? key.substr(10) : key;
    std::string name = "PROOFDESK_";
    for (char c : rest)
        name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

Poco::AutoPtr<Poco::Util::LayeredConfiguration> loadConfiguration(const std::string& configFile,
                                                                   const std::map<std::string, std::string>& overrides)
{
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> config(new Poco::Util::LayeredConfiguration);
    Poco::AutoPtr<Poco::Util::MapConfiguration> defaults(new Poco::Util::MapConfiguration);
    std::set<std::string> known;
    for (const SettingSpec& spec : settingSpecs())
    {
        defaults->setString(spec.key, spec.defaultValue);
        known.insert(spec.key);
    }
    config->add(defaults, 40); // Poco: a lower number is searched first
    if (!configFile.empty())
    {
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file;
        try
        {
            file = new Poco::Util::PropertyFileConfiguration(configFile);
        }
        catch (const Poco::Exception& e)
        {
            throw Error(ErrorCode::Configuration, "cannot read the configuration file " + configFile + ": " + e.displayText());
        }
        Poco::Util::AbstractConfiguration::Keys keys;
        std::vector<std::string> pending = {""};
        while (!pending.empty())
        {
            std::string prefix = pending.back();
            pending.pop_back();
            file->keys(prefix, keys);
            for (const std::string& k : keys)
            {
                std::string full = prefix.empty() ? k : prefix + "." + k;
                if (file->hasProperty(full) && known.count(full) == 0)
                    throw Error(ErrorCode::Configuration, configFile + ": unknown setting '" + full +
                                                              "' (see proofdesk --help for the list)");
                pending.push_back(full);
            }
        }
        config->add(file, 30);
    }
    Poco::AutoPtr<Poco::Util::MapConfiguration> environment(new Poco::Util::MapConfiguration);
    for (const SettingSpec& spec : settingSpecs())
    {
        if (const char* value = std::getenv(environmentNameOf(spec.key).c_str()))
            environment->setString(spec.key, value);
    }
    config->add(environment, 20);
    Poco::AutoPtr<Poco::Util::MapConfiguration> command(new Poco::Util::MapConfiguration);
    for (const auto& [key, value] : overrides)
    {
        if (known.count(key) == 0)
            throw Error(ErrorCode::Configuration, "unknown setting '" + key + "' (see proofdesk --help for the list)");
        command->setString(key, value);
    }
    config->add(command, 10);
    return config;
}

} // namespace proofdesk
