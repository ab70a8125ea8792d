#include "proofdesk/server/DocumentFiles.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/server/Proofdesk.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace proofdesk
{

void readDocumentFiles(const std::vector<std::string>& files, const Poco::Util::AbstractConfiguration& config,
                       bool keepBytes, const std::function<void(FileReading&)>& ready)
{
    SystemClock clock;
    TesseractOcrSettings ocrSettings = ocrSettingsFrom(config);
    TesseractOcr ocr(ocrSettings);
    LocalDocumentReader reader(ocr, clock, readerSettingsFrom(config));
    std::vector<FileReading> results(files.size());
    std::vector<bool> done(files.size(), false);
    std::mutex mutex;
    std::condition_variable progress;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++)
        {
            FileReading result;
            result.file = files[i];
            try
            {
                std::string bytes = readWholeFile(files[i]);
                result.extraction = reader.read(bytes);
                if (keepBytes)
                    result.bytes = std::move(bytes);
            }
            catch (const Error& e)
            {
                result.error = e.what();
            }
            catch (const std::exception& e)
            {
                result.error = std::string("internal error: ") + e.what();
            }
            std::lock_guard<std::mutex> lock(mutex);
            results[i] = std::move(result);
            done[i] = true;
            progress.notify_all();
        }
    };
    std::vector<std::thread> threads;
    int workers = std::max(1, std::min<int>(ocrSettings.engines, static_cast<int>(files.size())));
    for (int t = 0; t < workers; ++t)
        threads.emplace_back(work);
    // Results go out in input order as soon as each one and those before it are ready.
    std::size_t handed = 0;
    std::exception_ptr failure;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (handed < files.size())
        {
            progress.wait(lock, [&] { return done[handed]; });
            while (handed < files.size() && done[handed])
            {
                FileReading result = std::move(results[handed]);
                ++handed;
                lock.unlock();
                try
                {
                    if (!failure)
                        ready(result);
                }
                catch (...)
                {
                    // Keep draining so the workers can be joined; rethrown below.
                    failure = std::current_exception();
                }
                lock.lock();
            }
        }
    }
    for (std::thread& thread : threads)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace proofdesk
