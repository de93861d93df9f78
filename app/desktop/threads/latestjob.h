#pragma once
// Latest job wins: one kind of work (reading files, a detection run, a look at a followed file,
// a connection test) that runs off the GUI thread, where starting it again supersedes the run
// in flight. The superseded run is asked to stop and its outcome is dropped: only the newest
// run ever reports, on the GUI thread. Reading files, detecting and following each had their own
// pool, watcher, generation and cancel on supersede; this is that plumbing once.

#include "desktop/threads/handoff.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <utility>

// How a run is asked to stop when all it checks is a flag. A job with more to stop (a remote
// call's canceller) brings a token type of its own with the same cancel().
struct CancelFlag
{
    std::atomic<bool> cancelled { false };
    void cancel() { cancelled.store(true); }
    bool isCancelled() const { return cancelled.load(); }
};

// The hand-offs between a LatestJob and its runs, also made in code TSan sees (handoff.h). One
// per kind of job and constant-initialized, so a run reaches it at a fixed address without
// reading anything start() wrote. Jobs of one kind share it: it orders a little more than it
// must (a run after another job's run of the same kind), never less.
template <typename Outcome, typename Token> HandOff& latestJobHandOff()
{
    static constinit HandOff handOff;
    return handOff;
}

// One run on the pool: work(promise, token), then the promise finished; what QtConcurrent::run
// did, with the hand-offs around it: the run acquires what start() built for it before touching
// any of it, and releases its outcome before finishing, which is what tells the GUI thread.

template <typename Outcome, typename Token, typename Work> class LatestRun final : public QRunnable
{
public:
    LatestRun(QPromise<Outcome> promise, Work work, std::shared_ptr<Token> token)
        : m_promise(std::move(promise))
        , m_work(std::move(work))
        , m_token(std::move(token))
    { }
    void run() override
    {
        latestJobHandOff<Outcome, Token>().acquire();
        try {
            m_work(m_promise, *m_token);
        } catch (...) {
            m_promise.setException(std::current_exception());
        }
        latestJobHandOff<Outcome, Token>().release();
        m_promise.finish();
        // The pool deletes this run next, and the last reference to the outcome may be ours,
        // when the GUI thread has read it (and released) and let go of its watcher already.
        latestJobHandOff<Outcome, Token>().acquire();
    }

private:
    QPromise<Outcome> m_promise;
    Work m_work;
    std::shared_ptr<Token> m_token;
};

template <typename Outcome, typename Token = CancelFlag> class LatestJob
{
public:
    // Called on context's thread for the newest run only: its progress as the work sets it, and
    // its future once it ended (resultCount() is 0 when the work ended without adding a result).
    using Progress = std::function<void(int)>;
    using Finished = std::function<void(const QFuture<Outcome>&)>;

    // Runs reach context's thread (the GUI thread's object that owns this) through watchers
    // that are its children. threads: how many runs may be on the pool at once, the newest and
    // superseded ones that have not noticed their cancellation yet.
    LatestJob(QObject* context, int threads)
        : m_context(context)
    {
        m_pool.setMaxThreadCount(threads);
    }
    // Asks the run in flight to stop and waits for the pool's threads to let go of it.
    ~LatestJob()
    {
        cancel();
        m_pool.waitForDone();
        handOff().acquire(); // every run's outcome, before the watchers free it
        if (m_watcher) {
            m_watcher->disconnect();
            delete m_watcher;
        }
    }
    LatestJob(const LatestJob&) = delete;
    LatestJob& operator=(const LatestJob&) = delete;

    // Supersedes the run in flight (asked to stop, its outcome dropped) and starts
    // work(QPromise<Outcome>&, Token&) on the pool; the work checks the token and adds its
    // outcome to the promise. Returns the run's generation, which counts runs from 1.
    template <typename Work> quint64 start(Work work, Progress progress, Finished finished)
    {
        if (m_watcher) {
            cancel();
            drop();
        }
        auto token = std::make_shared<Token>();
        m_token = token;
        auto* watcher = new QFutureWatcher<Outcome>(m_context);
        m_watcher = watcher;
        if (progress)
            QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, m_context, std::move(progress));
        QObject::connect(
            watcher, &QFutureWatcherBase::finished, m_context, [this, watcher, finished = std::move(finished)] {
                handOff().acquire(); // the outcome the run released before it finished
                watcher->deleteLater();
                if (watcher != m_watcher)
                    return; // superseded
                m_watcher = nullptr;
                m_token.reset();
                finished(watcher->future());
                handOff().release(); // our reads of the outcome, before the run may free it
            });
        QPromise<Outcome> promise;
        promise.start();
        watcher->setFuture(promise.future());
        auto* run = new LatestRun<Outcome, Token, Work>(std::move(promise), std::move(work), token);
        handOff().release(); // everything the run reads, built above
        m_pool.start(run);
        return ++m_generation;
    }

    // Asks the run in flight to stop; it still reports.
    void cancel()
    {
        if (m_token)
            m_token->cancel();
    }
    // Forgets the run in flight without asking it to stop: it ends on the pool unheard. Its
    // watcher goes when the run has ended, after acquiring the run's outcome that it may free.
    void drop()
    {
        if (!m_watcher)
            return;
        QFutureWatcher<Outcome>* watcher = m_watcher;
        watcher->disconnect(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher] {
            handOff().acquire();
            watcher->deleteLater();
        });
        m_watcher = nullptr;
        m_token.reset();
    }
    bool isBusy() const { return m_watcher != nullptr; }
    quint64 generation() const { return m_generation; }

private:
    static HandOff& handOff() { return latestJobHandOff<Outcome, Token>(); }

    QObject* m_context;
    QThreadPool m_pool;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    std::shared_ptr<Token> m_token;
    quint64 m_generation = 0;
};
