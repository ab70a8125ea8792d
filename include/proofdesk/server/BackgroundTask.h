#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace proofdesk
{

/// Runs `work` every `interval` on its own thread until stopped. stop() wakes it at once and waits for the
/// round in progress to finish, so shutdown never cuts a unit of work in half. Exceptions from `work` are
/// reported to stderr and the task goes on.
class BackgroundTask
{
public:
    BackgroundTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
    ~BackgroundTask();

    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    void start();
    void stop();
    /// Asks for a round now rather than at the next interval.
    void wake();

private:
    void run();

    std::string _name;
    std::chrono::milliseconds _interval;
    std::function<void()> _work;
    std::mutex _mutex;
    std::condition_variable _cv;
    bool _stopping = false;
    bool _woken = false;
    std::thread _thread;
};

} // namespace proofdesk
