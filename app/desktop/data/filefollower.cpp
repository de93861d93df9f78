#include "desktop/data/filefollower.h"

#include <QFile>

FileFollower::FileFollower(QObject* parent)
    : QObject(parent)
    , m_look(this, 1)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &FileFollower::look);
    connect(&m_notices, &QFileSystemWatcher::fileChanged, this, &FileFollower::look);
}

FileFollower::~FileFollower()
{
    stop();
}

void FileFollower::follow(const QString& path)
{
    stop();
    m_path = path;
    m_state = {};
    m_state.path = QFile::encodeName(path).toStdString();
    m_notices.addPath(path);
    m_timer.start();
    look();
}

void FileFollower::stop()
{
    m_timer.stop();
    if (!m_notices.files().isEmpty())
        m_notices.removePaths(m_notices.files());
    m_path.clear();
    m_current.reset();
    m_lookAgain = false;
    m_lastFailed = false;
    m_look.drop(); // its look ends on the pool; the outcome is dropped
}

void FileFollower::look()
{
    if (m_path.isEmpty())
        return;
    if (m_look.isBusy()) {
        m_lookAgain = true;
        return;
    }
    // A replaced file drops out of the watcher: watch the new one under the same name.
    if (!m_notices.files().contains(m_path) && QFile::exists(m_path))
        m_notices.addPath(m_path);
    m_look.start([state = m_state, current = m_current](
                     QPromise<FollowOutcome>& promise, CancelFlag&) { promise.addResult(followStep(state, current)); },
        {}, [this](const QFuture<FollowOutcome>& future) { onLooked(future); });
}

void FileFollower::onLooked(const QFuture<FollowOutcome>& future)
{
    if (future.resultCount() == 0)
        return;
    FollowOutcome outcome = future.result();
    using Kind = FollowOutcome::Kind;
    if (outcome.kind != Kind::Failed)
        m_lastFailed = false;
    switch (outcome.kind) {
    case Kind::Unchanged:
        break;
    case Kind::Failed:
        if (!m_lastFailed)
            emit problem(outcome.error);
        m_lastFailed = true;
        break;
    case Kind::Reloaded:
        m_state = std::move(outcome.state);
        m_current = outcome.dataset;
        emit reloaded(outcome.dataset);
        if (!outcome.error.message.empty())
            emit problem(outcome.error);
        break;
    case Kind::Appended:
        m_state = std::move(outcome.state);
        m_current = outcome.dataset;
        if (outcome.appendedRows > 0) // lines that were all unreadable add nothing to show
            emit appended(outcome.dataset, outcome.appendedRows);
        if (!outcome.error.message.empty())
            emit problem(outcome.error);
        break;
    }
    if (m_lookAgain && !m_path.isEmpty()) {
        m_lookAgain = false;
        look();
    }
}
