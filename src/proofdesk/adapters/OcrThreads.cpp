#include "proofdesk/adapters/OcrThreads.h"

#include <opencv2/core.hpp>

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

namespace proofdesk
{

namespace
{

constexpr const char* threadLimitVariable = "OMP_THREAD_LIMIT";
constexpr const char* reexecMarker = "PROOFDESK_OMP_REEXEC";

std::string readFirstLine(const std::string& path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// The cgroup CPU quota in CPUs (rounded up), or 0 when there is none. cgroup v2 ("0::/path" and
// cpu.max "QUOTA PERIOD" or "max PERIOD") first, then v1 (the cpu controller's cfs_quota_us / cfs_period_us).
int cgroupCpuQuota()
{
    std::ifstream cgroups("/proc/self/cgroup");
    std::string line;
    while (std::getline(cgroups, line))
    {
        const auto first = line.find(':');
        const auto second = first == std::string::npos ? std::string::npos : line.find(':', first + 1);
        if (second == std::string::npos)
            continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const std::string path = line.substr(second + 1);
        long long quota = -1;
        long long period = 0;
        if (controllers.empty())
        {
            std::istringstream max(readFirstLine("/sys/fs/cgroup" + path + "/cpu.max"));
            std::string quotaText;
            if (max >> quotaText >> period && quotaText != "max")
                quota = std::atoll(quotaText.c_str());
        }
        else if (("," + controllers + ",").find(",cpu,") != std::string::npos)
        {
            for (const char* dir : {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"})
            {
                const std::string quotaText = readFirstLine(std::string(dir) + path + "/cpu.cfs_quota_us");
                if (quotaText.empty())
                    continue;
                quota = std::atoll(quotaText.c_str());
                period = std::atoll(readFirstLine(std::string(dir) + path + "/cpu.cfs_period_us").c_str());
                break;
            }
        }
        if (quota > 0 && period > 0)
            return static_cast<int>((quota + period - 1) / period);
    }
    return 0;
}

} // namespace

void ensureSingleThreadedOcr(int argc, char** argv)
{
    if (std::getenv(threadLimitVariable) == nullptr && std::getenv(reexecMarker) == nullptr && argc > 0 &&
        argv != nullptr && argv[argc] == nullptr)
    {
        // overwrite=0: never replace a value another thread or the operator may have set meanwhile.
        ::setenv(threadLimitVariable, "1", 0);
        ::setenv(reexecMarker, "1", 1);
        std::fflush(nullptr);
        ::execv("/proc/self/exe", argv);
        // Only reached when the re-exec failed (no /proc, say): carry on; TesseractOcr still limits OpenMP
        // per calling thread. Keep the variable so that child processes (the tesseract CLI) inherit it.
        std::fprintf(stderr, "proofdesk: could not re-execute with OMP_THREAD_LIMIT=1; OCR threads are limited "
                             "per worker instead\n");
    }
    // The marker has done its work; child processes should not see it.
    ::unsetenv(reexecMarker);
    cv::setNumThreads(1);
}

int parallelOcrWorkers()
{
    int cpus = 0;
    std::set<std::pair<std::string, std::string>> cores;
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (::sched_getaffinity(0, sizeof(allowed), &allowed) == 0)
    {
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        {
            if (!CPU_ISSET(cpu, &allowed))
                continue;
            ++cpus;
            const std::string topology = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
            const std::string package = readFirstLine(topology + "physical_package_id");
            const std::string core = readFirstLine(topology + "core_id");
            // Without topology information each CPU counts as a core of its own.
            cores.emplace(package.empty() || core.empty() ? "cpu" : package, core.empty() ? std::to_string(cpu) : core);
        }
    }
    int workers = cores.empty() ? static_cast<int>(std::thread::hardware_concurrency()) : static_cast<int>(cores.size());
    if (cpus > 0 && workers > cpus)
        workers = cpus;
    if (const int quota = cgroupCpuQuota(); quota > 0)
        workers = std::min(workers, quota);
    return std::max(workers, 1);
}

} // namespace proofdesk
