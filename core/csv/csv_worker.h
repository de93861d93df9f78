#pragma once
// A second thread for the CSV reader that lives as long as the read and runs its jobs in the
// order they were posted. The reader posts the second part of each block to it, and then that
// part's append to the series, which runs while the reading thread fetches the next block; one
// thread for the whole file instead of one started per block.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace od {

// The CPU time the calling thread has used, in nanoseconds (-1 where it cannot be had): what the
// reader balances its two threads' shares of a block by, unaffected by other programs' load.
std::int64_t threadCpuNanos();

class CsvWorker
{
public:
    CsvWorker() = default;
    CsvWorker(const CsvWorker&) = delete;
    CsvWorker& operator=(const CsvWorker&) = delete;
    // Runs what is queued, then ends the thread.
    ~CsvWorker();

    // Queues job after the others. The thread starts with the first job; where none can be
    // had, every job runs at once on the calling thread.
    void post(std::function<void()> job);
    // Returns when every job posted so far has run; rethrows the first exception one threw
    // (the jobs after it are dropped: they would build on what it left undone).
    void wait();

private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_wake; // a job was posted, or the thread is to end
    std::condition_variable m_idle; // the queue ran dry
    std::deque<std::function<void()>> m_jobs;
    bool m_busy = false;
    bool m_stop = false;
    bool m_inline = false;
    std::exception_ptr m_failure;
    std::thread m_thread;
};

} // namespace od
