#pragma once
// Ordering between the GUI thread and a pool thread written in code that ThreadSanitizer sees.
//
// QThreadPool queues a run and QFutureInterface keeps its result and its reference count under
// QtCore's own mutexes and atomics. That ordering is real, but Debian's QtCore is not built
// with -fsanitize=thread, so TSan does not see it: a run's first read of what the GUI thread
// built for it, and the GUI thread freeing the result a run added, look like races. The same
// ordering once more, through an atomic in our own code, lets TSan check everything else on
// those paths instead of needing a suppression that would cover our frames too.
//
// One side calls release() after its last write the other may see; the other calls acquire()
// before its first read of it. The count only grows, and every release is a read-modify-write,
// so an acquire orders after every release that came before it, whichever value it reads.

#include <atomic>
#include <cstdint>

class HandOff
{
public:
    void release() { m_count.fetch_add(1, std::memory_order_release); }
    void acquire() const { (void)m_count.load(std::memory_order_acquire); }

private:
    std::atomic<std::uint64_t> m_count { 0 };
};
