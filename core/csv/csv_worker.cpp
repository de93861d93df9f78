#include "core/csv/csv_worker.h"

#include <ctime>
#include <system_error>
#include <utility>

namespace od {

std::int64_t threadCpuNanos()
{
    timespec t {};
    if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return -1;
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

CsvWorker::~CsvWorker()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void CsvWorker::post(std::function<void()> job)
{
    if (!m_thread.joinable() && !m_inline) {
        try {
            m_thread = std::thread([this] { loop(); });
        } catch (const std::system_error&) {
            m_inline = true;
        }
    }
    if (m_inline) {
        if (m_failure)
            return;
        try {
            job();
        } catch (...) {
            m_failure = std::current_exception();
        }
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void CsvWorker::wait()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_jobs.empty() && !m_busy; });
    if (m_failure)
        std::rethrow_exception(std::exchange(m_failure, nullptr));
}

void CsvWorker::loop()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
        if (m_jobs.empty())
            return; // stopping, and nothing left to run
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        const bool skip = m_failure != nullptr;
        lock.unlock();
        std::exception_ptr failure;
        if (!skip) {
            try {
                job();
            } catch (...) {
                failure = std::current_exception();
            }
        }
        job = nullptr;
        lock.lock();
        if (failure && !m_failure)
            m_failure = failure;
        m_busy = false;
        if (m_jobs.empty())
            m_idle.notify_all();
    }
}

} // namespace od
