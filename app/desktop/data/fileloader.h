#pragma once
// Reads CSV files on a worker thread. The GUI thread only starts, cancels and receives.

#include "chart/dataset.h"

#include "core/result.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

template <typename T> class QFutureWatcher;
struct LoadOutcome;

class FileLoader : public QObject
{
    Q_OBJECT
public:
    explicit FileLoader(QObject* parent = nullptr);
    // Cancels a read in flight and waits for its thread to let go of it.
    ~FileLoader() override;

    // Reads every file into one Dataset. A load in flight is cancelled and its outcome dropped.
    void load(const QStringList& files);
    void cancel();
    bool isBusy() const { return m_watcher != nullptr; }

signals:
    void progressChanged(int permille);
    void loaded(const DatasetPtr& dataset);
    void failed(const od::Error& error);
    void cancelled();

private:
    void onFinished(QFutureWatcher<LoadOutcome>* watcher);

    QThreadPool m_pool;
    QFutureWatcher<LoadOutcome>* m_watcher = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};
