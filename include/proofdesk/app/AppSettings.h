#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace proofdesk
{

/// One row of the help desk's contact table (by question type), shown on the status page and in emails.
struct ContactRow
{
    std::string topic;
    std::string how;
};

/// Who the help desk is and how applicants reach it; from configuration.
struct HelpDeskInfo
{
    std::string name = "Identity Proofing Help Desk";
    std::string email = "helpdesk@proofdesk.example";
    std::string phone = "1-800-555-0100";
    std::string fax = "1-800-555-0199";
    std::string postalAddress = "Identity Proofing Help Desk, PO Box 1000, Washington, DC 20001";
    std::string hours = "Monday to Friday, 8 a.m. to 8 p.m. Eastern Time";
    std::vector<ContactRow> contacts;
};

/// Settings the application services need, read by the composition root.
struct AppSettings
{
    std::string baseUrl = "http://127.0.0.1:8080";  // links in emails
    std::string mailFrom = "helpdesk@proofdesk.example";
    std::string mailDomain = "proofdesk.example";   // right-hand side of Message-IDs
    HelpDeskInfo helpDesk;
    std::chrono::seconds claimLease{30 * 60};
    std::chrono::seconds sessionIdle{30 * 60};
    std::size_t maxFileBytes = 20 * 1024 * 1024;
    std::size_t maxFilesPerUpload = 10;
    std::size_t maxDocumentsPerCase = 40;
    std::chrono::seconds outboxGiveUpAfter{3 * 24 * 3600};
    int maxFailedSignIns = 5;
};

} // namespace proofdesk
