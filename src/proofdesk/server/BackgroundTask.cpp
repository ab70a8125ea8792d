#include "proofdesk/server/BackgroundTask.h"

#include <exception>
#include <iostream>

namespace proofdesk
{

BackgroundTask::BackgroundTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work)
    : _name(std::move(name)), _interval(interval), _work(std::move(work))
{
}

BackgroundTask::~BackgroundTask()
{
    stop();
}

void BackgroundTask::start()
{
    _thread = std::thread([this] { run(); });
}

void BackgroundTask::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _cv.notify_all();
    if (_thread.joinable())
        _thread.join();
}

void BackgroundTask::wake()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _woken = true;
    }
    _cv.notify_all();
}

void BackgroundTask::run()
{
    while (true)
    {
        {
            std::unique_lock<std::mutex> lock(_mutex);
            _cv.wait_for(lock, _interval, [this] { return _stopping || _woken; });
            if (_stopping)
                return;
            _woken = false;
        }
        try
        {
            _work();
        }
        catch (const std::exception& e)
        {
            std::cerr << "proofdesk: " << _name << ": " << e.what() << std::endl;
        }
    }
}

} // namespace proofdesk
