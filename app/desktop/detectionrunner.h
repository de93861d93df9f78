#pragma once
// Runs detection over a whole dataset on a worker thread, locally with the core or remotely
// through pb.Outliers/Detect. A newer run supersedes an older one: only the newest run's
// outcome is ever reported.

#include "dataset.h"
#include "detections.h"
#include "detectorchoice.h"

#include "core/detection.h"

#include <QObject>
#include <QThreadPool>

#include <map>
#include <memory>
#include <vector>

namespace grpc {
class Channel;
}
template <typename T> class QFutureWatcher;
struct DetectionJob;

struct DetectionOutcome
{
    quint64 generation = 0;
    DatasetPtr dataset; // what was detected on
    DetectorChoice choice;
    DetectionsPtr detections; // one per series of dataset, when ok(); null otherwise
    QString error; // one sentence for the status bar; empty on success
    bool cancelled = false;
    double millis = 0;

    bool ok() const { return error.isEmpty() && !cancelled; }
};

class DetectionRunner : public QObject
{
    Q_OBJECT
public:
    explicit DetectionRunner(QObject* parent = nullptr);
    // Cancels the run in flight (including a remote call) and waits for its thread.
    ~DetectionRunner() override;

    // Starts detection; returns the run's generation. The run in flight, if any, is cancelled
    // and its outcome dropped.
    quint64 run(const DatasetPtr& dataset, const DetectorChoice& choice);
    // Cancels the run in flight; it still reports, with cancelled set.
    void cancel();
    bool isBusy() const { return m_watcher != nullptr; }

signals:
    void progressChanged(int done, int total);
    void finished(const DetectionOutcome& outcome);

private:
    std::shared_ptr<grpc::Channel> channelFor(const QString& endpoint);

    QThreadPool m_pool;
    quint64 m_generation = 0;
    QFutureWatcher<DetectionOutcome>* m_watcher = nullptr;
    std::shared_ptr<DetectionJob> m_job;
    // One channel per endpoint, kept for the app's lifetime so connections are reused.
    std::map<QString, std::shared_ptr<grpc::Channel>> m_channels;
};
