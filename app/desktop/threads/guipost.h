#pragma once
// Hands work from a gRPC thread to the GUI thread without blocking either, in an order that
// ThreadSanitizer can check.
//
// A functor given to QMetaObject::invokeMethod is built on the calling thread and freed on the
// GUI thread; the queue between them is QtCore's, under its futex-based mutex, which Debian's
// uninstrumented QtCore hides from TSan, so the hand-over looked like a race (seen in
// desktop.uploadpane whenever TSan had lost the capture's stack). Here the work waits in a
// queue under a std::mutex that TSan sees; the GUI thread is only woken, by a queued call of a
// named method that carries nothing, so nothing of ours crosses threads inside QtCore.

#include <QObject>

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

class GuiQueue;

// The GUI-thread end of a GuiQueue: a child of the owner, so it goes when the owner goes, and
// with it every piece of work still waiting.
class GuiQueueWaker : public QObject
{
    Q_OBJECT

public:
    GuiQueueWaker(std::shared_ptr<GuiQueue> queue, QObject* owner);
    ~GuiQueueWaker() override;

    Q_INVOKABLE void runWaiting();

private:
    std::shared_ptr<GuiQueue> m_queue;
};

class GuiQueue
{
public:
    // Any thread. Dropped (destroyed on the calling thread) once the owner is gone.
    void post(std::function<void()> work);

private:
    friend class GuiQueueWaker;
    std::vector<std::function<void()>> take();
    void close();

    std::mutex m_mutex;
    QObject* m_waker = nullptr; // set and cleared on the GUI thread, under m_mutex
    std::vector<std::function<void()>> m_waiting;
};

// Made on the GUI thread by the object that work is for; copies go to gRPC's callbacks.
template <typename T> class GuiPost
{
public:
    explicit GuiPost(T* owner)
        : m_queue(std::make_shared<GuiQueue>())
        , m_owner(owner)
    {
        new GuiQueueWaker(m_queue, owner);
    }

    // Any thread: runs fn(owner) on the GUI thread, later, if the owner still exists then.
    // Work posted from one thread runs in the order it was posted.
    template <typename Fn> void operator()(Fn&& fn) const
    {
        m_queue->post([owner = m_owner, fn = std::forward<Fn>(fn)]() mutable { fn(owner); });
    }

private:
    std::shared_ptr<GuiQueue> m_queue;
    T* m_owner; // used on the GUI thread only, while the waker (its child) exists
};
