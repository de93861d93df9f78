#pragma once
// The session: what the window shows and the jobs that change it. It owns the dataset shown,
// its last detection, and the work behind them: reading files, following one that grows
// (with detection of appended rows once a burst of them is over), and detection runs. The
// window only wires it to the views and words what it reports. How the data is looked at
// (shown series, band, picked point, zoom, scale, alignment, span) is its ChartViewState, which
// the charts and the series list read.

#include "chart/dataset.h"
#include "chart/detections.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class ChannelProvider;
class ChartViewState;
class DetectionRunner;
class FileFollower;
class FileLoader;
struct AlarmResume;
struct DetectionOutcome;
struct DetectorChoice;
namespace od {
struct Error;
}

class Session : public QObject
{
    Q_OBJECT
public:
    // choice: the detector the user picked, asked at each run. Remote runs use channels.
    Session(std::function<DetectorChoice()> choice, ChannelProvider* channels, QObject* parent = nullptr);

    DatasetPtr dataset() const { return m_dataset; }
    // The last detection shown (null before the first one for this data).
    DetectionsPtr detections() const { return m_detections; }
    bool hasDetection() const { return m_detections != nullptr; }
    ChartViewState* viewState() const { return m_viewState; }

    // Reads files in the background and replaces the dataset once every file was read; on
    // failure the dataset stays. Stops following.
    void open(const QStringList& files);
    // Reads path and then the rows appended to it; open() stops it.
    void follow(const QString& path);
    void stopFollowing();
    bool isFollowing() const;
    // Detects on the dataset with the chosen detector (nothing to do without one).
    void detect();
    // Cancels the read and the detection in flight.
    void cancel();

    // What runs now, for the progress panel: a read (its files' names, done in permille), else
    // a detection (series done of total), else nothing.
    struct Progress
    {
        enum class Task { None, Loading, Detecting } task = Task::None;
        QString text; // what is read; empty for a detection
        int done = 0;
        int total = 0;
    };
    Progress progress() const;

signals:
    // A new dataset from scratch (files read, or a followed file read or replaced). Its
    // detection starts at once.
    void datasetReplaced(const DatasetPtr& dataset);
    // A followed file grew by rows; the dataset is the same series with more rows (maybe new
    // series at the end). Detection follows once the burst is over.
    void datasetGrown(const DatasetPtr& dataset, std::size_t rows);
    void loadFailed(const od::Error& error);
    void loadCancelled();
    // A run for the dataset shown (or an earlier state of a followed file) ended; on success
    // detections() is already its result.
    void detectionFinished(const DetectionOutcome& outcome);
    // Something the user should read: a followed file cannot be read, no remote address.
    void problem(const QString& text);
    // Whatever the progress panel shows changed.
    void progressChanged();

private:
    void onLoaded(const DatasetPtr& dataset);
    void onRunFinished(const DetectionOutcome& outcome);

    std::function<DetectorChoice()> m_choice;
    ChartViewState* m_viewState;
    FileLoader* m_loader;
    FileFollower* m_follower;
    DetectionRunner* m_runner;
    QTimer m_followDetect; // debounces detection of appended rows
    bool m_detectWhenDone = false; // rows arrived during a detection: judge again after it
    DatasetPtr m_dataset;
    DetectionsPtr m_detections;
    // Where the last local alarm run stopped: the next run over the grown followed file goes on
    // from there (see AlarmResume).
    std::shared_ptr<const AlarmResume> m_alarmResume;
    QString m_loadingText;
    int m_loadPermille = 0;
    int m_detectDone = 0;
    int m_detectTotal = 0;
};
