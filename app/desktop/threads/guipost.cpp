#include "desktop/threads/guipost.h"

#include <QMetaObject>
#include <QPointer>

GuiQueueWaker::GuiQueueWaker(std::shared_ptr<GuiQueue> queue, QObject* owner)
    : QObject(owner)
    , m_queue(std::move(queue))
{
    std::lock_guard lock(m_queue->m_mutex);
    m_queue->m_waker = this;
}

GuiQueueWaker::~GuiQueueWaker()
{
    m_queue->close();
}

void GuiQueueWaker::runWaiting()
{
    std::vector<std::function<void()>> work = m_queue->take();
    // A piece of work may delete the owner, and with it this waker: the rest is then dropped.
    const QPointer<GuiQueueWaker> alive(this);
    for (auto& piece : work) {
        if (!alive)
            break;
        piece();
    }
}

void GuiQueue::post(std::function<void()> work)
{
    std::lock_guard lock(m_mutex);
    if (!m_waker)
        return;
    const bool wake = m_waiting.empty(); // otherwise a wake is already on its way
    m_waiting.push_back(std::move(work));
    // Under the lock: the waker cannot be destroyed meanwhile (its destructor takes the lock),
    // and Qt drops the queued call if the waker is destroyed before it runs.
    if (wake)
        QMetaObject::invokeMethod(m_waker, "runWaiting", Qt::QueuedConnection);
}

std::vector<std::function<void()>> GuiQueue::take()
{
    std::vector<std::function<void()>> work;
    std::lock_guard lock(m_mutex);
    work.swap(m_waiting);
    return work;
}

void GuiQueue::close()
{
    std::vector<std::function<void()>> dropped;
    {
        std::lock_guard lock(m_mutex);
        m_waker = nullptr;
        dropped.swap(m_waiting);
    }
}
