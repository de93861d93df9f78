#pragma once
// Reads CSV files on a worker thread. The GUI thread only starts, cancels and receives.

#include "chart/dataset.h"
#include "desktop/threads/latestjob.h"

#include "core/result.h"

#include <QObject>

struct LoadOutcome
{
    DatasetPtr dataset;
    od::Error error;
    bool failed = false;
    bool cancelled = false;
};

class FileLoader : public QObject
{
    Q_OBJECT
public:
    explicit FileLoader(QObject* parent = nullptr);
    // Cancels a read in flight and waits for its thread to let go of it.
    ~FileLoader() override;

    // Reads every file into one Dataset. A load in flight is cancelled and its outcome dropped.
    void load(const QStringList& files);
    bool isBusy() const { return m_job.isBusy(); }
    // Stops the read in flight; it reports cancelled().
    void cancel();

signals:
    void progressChanged(int permille);
    void loaded(const DatasetPtr& dataset);
    void failed(const od::Error& error);
    void cancelled();

private:
    void onFinished(const QFuture<LoadOutcome>& future);

    LatestJob<LoadOutcome> m_job;
};
