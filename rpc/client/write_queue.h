#pragma once
// The messages a streaming call has been handed and not yet written, under one bound for every
// call that writes from outside its reactions (the chat, the call console): a sender faster than
// the server or the connection is refused instead of growing the queue without end.
//
// Not locked itself: the call guards it with the mutex that also guards its own state, and
// passes that lock to waitForRoom().

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace od::rpc {

// Far above what a person types or the console's series sender queues in one frame (2,000
// messages), so only a rate kept up longer than the connection carries it is refused.
inline constexpr std::size_t kMaxQueuedWrites = 4096;
inline constexpr std::size_t kMaxQueuedWriteBytes = 16 * 1024 * 1024;

template <typename Message> class WriteQueue
{
public:
    // One message is always taken, however big (the message size limit bounds it).
    bool full() const
    {
        return !m_entries.empty() && (m_entries.size() >= kMaxQueuedWrites || m_bytes >= kMaxQueuedWriteBytes);
    }
    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    std::size_t bytes() const { return m_bytes; } // as counted by push()

    void push(Message message, std::size_t bytes)
    {
        m_bytes += bytes;
        m_entries.push_back({ std::move(message), bytes });
    }

    // The oldest message; a sender waiting for room is told there may be some. Not when empty.
    Message take()
    {
        Entry head = std::move(m_entries.front());
        m_entries.pop_front();
        m_bytes -= head.bytes;
        m_room.notify_all();
        return std::move(head.message);
    }

    // Drops what waits (the call writes no more) and lets waiting senders go.
    void clear()
    {
        m_entries.clear();
        m_bytes = 0;
        m_room.notify_all();
    }

    // Blocks on the caller's held lock until there is room or stopWaiting() (the call takes no
    // more messages); the call calls wake() whenever stopWaiting() may have become true.
    template <typename StopWaiting> void waitForRoom(std::unique_lock<std::mutex>& lock, StopWaiting stopWaiting)
    {
        m_room.wait(lock, [&] { return !full() || stopWaiting(); });
    }
    void wake() { m_room.notify_all(); }

private:
    struct Entry
    {
        Message message;
        std::size_t bytes;
    };
    std::deque<Entry> m_entries;
    std::size_t m_bytes = 0;
    std::condition_variable m_room;
};

} // namespace od::rpc
