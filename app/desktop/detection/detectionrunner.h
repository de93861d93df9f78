#pragma once
// Runs detection over a whole dataset on a worker thread, locally with the core or remotely
// (outlierdesk.v1 in chunks where the server has it, else pb.Outliers/Detect). A newer run supersedes an older one:
// only the newest run's outcome is ever reported.

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/seriesincidents.h"
#include "desktop/detection/alarmresume.h"
#include "desktop/detection/detectorchoice.h"
#include "desktop/threads/latestjob.h"

#include "core/detection.h"

#include <QObject>

#include <map>
#include <memory>
#include <vector>

class ChannelProvider;
struct DetectionJob;

struct DetectionOutcome
{
    quint64 generation = 0;
    DatasetPtr dataset; // what was detected on
    DetectorChoice choice;
    DetectionsPtr detections; // one per series of dataset, when ok(); null otherwise
    // The detections' flags grouped into incidents, when ok(): grouped on the worker, since on
    // a big file the grouping is the longest part of showing a result (100M rows: 0.15 s).
    SeriesIncidentsPtr incidents;
    QString error; // one sentence for the status bar; empty on success
    QString errorDetail; // a remote failure's status code, message and what to do
    bool unreachable = false; // remote: the server could not be reached (isConnectionFailure())
    bool usedDetectorService = false; // remote: outlierdesk.v1 (else pb.Outliers/Detect)
    bool cancelled = false;
    double millis = 0;
    // Points the detectors judged: every point, except where a local alarm run went on from
    // the last run over a followed file (then only the rows appended since).
    std::size_t judgedPoints = 0;
    // A local alarm run: where it stopped, for the next run over the grown file; else null.
    AlarmResumePtr alarmResume;

    bool ok() const { return error.isEmpty() && !cancelled; }
};

class DetectionRunner : public QObject
{
    Q_OBJECT
public:
    // Remote runs take their channel, deadline and metadata from channels (the app's shared
    // provider); when null the runner has a provider of its own with the default settings.
    explicit DetectionRunner(ChannelProvider* channels = nullptr, QObject* parent = nullptr);
    // Cancels the run in flight (including a remote call) and waits for its thread.
    ~DetectionRunner() override;

    // Starts detection; returns the run's generation. The run in flight, if any, is cancelled
    // and its outcome dropped. resume: an earlier outcome's alarmResume, which a local alarm
    // run over a grown state of the same followed file goes on from.
    quint64 run(const DatasetPtr& dataset, const DetectorChoice& choice, AlarmResumePtr resume = {});
    // Cancels the run in flight; it still reports, with cancelled set.
    void cancel();
    bool isBusy() const { return m_job.isBusy(); }

signals:
    void progressChanged(int done, int total);
    void finished(const DetectionOutcome& outcome);

private:
    ChannelProvider* m_channels;
    LatestJob<DetectionOutcome, DetectionJob> m_job;
};
