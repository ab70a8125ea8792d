#pragma once

namespace proofdesk
{

/// Keeps OCR from oversubscribing the cores: proofdesk runs documents in parallel on its own workers, so the
/// libraries inside each worker must stay on one thread.
///
/// Tesseract's LSTM asks OpenMP for teams of up to 10 threads per call (num_threads clauses, which
/// omp_set_num_threads cannot lower); on a 2-vCPU machine that made one page 8 times slower than a single
/// thread. libgomp reads OMP_THREAD_LIMIT once, while it is being loaded — before main() of any program
/// linking Tesseract — so setting it inside main() is too late. This function therefore, when
/// OMP_THREAD_LIMIT is not set, sets it to 1 and re-executes the program (/proc/self/exe, same `argv`) so
/// that libgomp starts with it. An environment marker (PROOFDESK_OMP_REEXEC) prevents a loop; when the
/// variable is already set (an operator's choice) or the re-exec is impossible, it carries on as it is —
/// TesseractOcr also limits OpenMP on each calling thread (see there), so OCR stays single-threaded anyway.
///
/// It also sets OpenCV's own parallelism to one thread process-wide (cv::setNumThreads(1); Debian's OpenCV
/// uses TBB as its parallel framework).
///
/// Call it first thing in main(), before any thread starts and before anything is written to stdout
/// (buffered output would be lost by the re-exec). `argv` must be main's, null-terminated at argv[argc].
void ensureSingleThreadedOcr(int argc, char** argv);

/// How many OCR workers this machine can really run at once: the distinct physical cores (SMT siblings
/// count once) among the CPUs this process may run on, capped by a cgroup CPU quota, at least 1. Tesseract's
/// LSTM is vector-heavy and gains almost nothing from a second hardware thread on the same core.
/// Note: a virtual machine may present vCPUs as separate cores while they share a host core; only a
/// measurement (bench_ocr) tells — see the benchmark figures before raising the worker count.
int parallelOcrWorkers();

} // namespace proofdesk
