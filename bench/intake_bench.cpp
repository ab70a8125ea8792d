// SPEC 7, intake latency: a three-document email to "ready for review" in under 10 s on two cores.
// The whole system in-process (real SQLite, real files, the real reader), one email with a license back
// (barcode), a scanned bank statement and a scanned utility bill quoting the case reference: taken, processed,
// read by 1 and then 2 workers, until the case is ready for review. Printed next to the same three files read
// by the reader alone in the same run, so the figure shows what intake adds to reading.
//
// Usage: bench_intake [ROUNDS]
#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/app/ExtractionWorker.h"

#include "support/MailBuilder.h"
#include "support/TestSystem.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

using Clock = std::chrono::steady_clock;

std::string sample(const std::string& name)
{
    std::ifstream in(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/" + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

const std::vector<MailFile>& attachments()
{
    static const std::vector<MailFile> files{
        MailFile{"license back.png", "image/png", sample("dl-clean-001-back.png"), false},
        MailFile{"bank.jpg", "image/jpeg", sample("bank-scanned-001.jpg"), false},
        MailFile{"power.jpg", "image/jpeg", sample("utility-scanned-001.jpg"), false}};
    return files;
}

// Seconds from the email's arrival to the case being ready for review, with `workers` reading at once.
double emailToReady(int workers, int round)
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.extraction.workers", std::to_string(workers)}});
    RegistrationOutcome registered = s.app->registration().registerApplicant(TestSystem::form(round, true), "web");
    if (!registered.errors.empty())
        throw std::runtime_error("registration refused");
    ExtractionWorker& worker = s.app->extraction();  // engines started before the clock runs, as in serve
    MailBuilder mail;
    mail.subject = "My documents for case " + registered.reference;
    mail.messageId = "bench-" + std::to_string(round) + "-" + std::to_string(workers) + "@example.net";
    mail.files = attachments();
    const std::string raw = mail.build();

    const auto start = Clock::now();
    if (s.app->mailIntake().take(raw, "mailgate") != TakeOutcome::Taken)
        throw std::runtime_error("the message was not taken");
    s.app->mailIntake().processPending();
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i)
        threads.emplace_back([&worker] {
            while (worker.readOne())
            {
            }
        });
    for (std::thread& t : threads)
        t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const std::string state = s.app->store().findById(registered.caseId)->state;
    if (state != "ready_for_review")
        throw std::runtime_error("the case ended in " + state + ", not ready_for_review");
    return seconds;
}

// Seconds to read the same three files with the reader alone, one after the other.
double readerAlone()
{
    TestSystem s;
    DocumentReader& reader = s.app->reader();
    const auto start = Clock::now();
    for (const MailFile& file : attachments())
        reader.read(file.bytes);
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    ensureSingleThreadedOcr(argc, argv);
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    std::vector<double> alone;
    std::vector<double> one;
    std::vector<double> two;
    for (int round = 1; round <= rounds; ++round)
    {
        alone.push_back(readerAlone());
        one.push_back(emailToReady(1, round));
        two.push_back(emailToReady(2, round));
        std::fprintf(stderr, "\rbench_intake: round %d/%d", round, rounds);
    }
    std::fprintf(stderr, "\n");
    const double base = median(alone);
    std::printf("three-document email to ready for review (median of %d)\n", rounds);
    std::printf("  reader alone on the 3 files      %6.2f s   x1.00\n", base);
    std::printf("  email -> ready, 1 worker         %6.2f s   x%.2f   (%.0f %% of the 10 s target)\n", median(one),
                median(one) / base, 100 * median(one) / 10);
    std::printf("  email -> ready, 2 workers        %6.2f s   x%.2f   (%.0f %% of the 10 s target)\n", median(two),
                median(two) / base, 100 * median(two) / 10);
    return 0;
}
