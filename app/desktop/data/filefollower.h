#pragma once
// Follows one CSV file that another program is still writing: looks at it when it changes (and
// every second, as file-change notices are not reliable everywhere), reads what was appended on
// a worker thread, and hands the grown dataset to the GUI thread.

#include "chart/dataset.h"
#include "desktop/data/followread.h"
#include "desktop/threads/latestjob.h"

#include "core/result.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

class FileFollower : public QObject
{
    Q_OBJECT
public:
    explicit FileFollower(QObject* parent = nullptr);
    // Waits for a look in flight to end.
    ~FileFollower() override;

    // Starts following path: the first look reads the whole file (reloaded()), later ones
    // what was appended (appended()). Following another file stops following this one.
    void follow(const QString& path);
    void stop();
    bool isFollowing() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    // How often to look even without a change notice (default 1000 ms).
    void setInterval(int ms) { m_timer.setInterval(ms); }

signals:
    // The first read, or the file was truncated or replaced: a new dataset from scratch.
    void reloaded(const DatasetPtr& dataset);
    // Rows were appended: the dataset as it stands now, and how many rows are new.
    void appended(const DatasetPtr& dataset, std::size_t rows);
    // Some appended lines could not be read (the rows that could are in the last appended()),
    // or the file cannot be read right now; following goes on.
    void problem(const od::Error& error);

private:
    void look();
    void onLooked(const QFuture<FollowOutcome>& future);

    QString m_path;
    FollowState m_state;
    DatasetPtr m_current;
    QTimer m_timer;
    QFileSystemWatcher m_notices;
    // One look at a time; stop() drops a look in flight, so that looks started for an earlier
    // follow() never report.
    LatestJob<FollowOutcome> m_look;
    bool m_lookAgain = false; // a change came while a look was running
    bool m_lastFailed = false; // say "cannot be read" once, not every second
};
