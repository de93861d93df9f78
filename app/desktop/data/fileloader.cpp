#include "desktop/data/fileloader.h"

#include "core/csv/csv_reader.h"

#include <QElapsedTimer>
#include <QFile>

namespace {

void readFiles(QPromise<LoadOutcome>& promise, const QStringList& files, const CancelFlag& cancel)
{
    promise.setProgressRange(0, 1000);
    QElapsedTimer timer;
    timer.start();
    std::vector<std::string> paths;
    for (const QString& file : files)
        paths.push_back(QFile::encodeName(file).toStdString());
    od::ReadControl control;
    control.cancel = &cancel.cancelled;
    control.progress = [&promise](std::uint64_t done, std::uint64_t total) {
        promise.setProgressValue(static_cast<int>(total > 0 ? done * 1000 / total : 0));
    };
    // The core's rule for names found in several files ("a/cpu", "b/cpu"), so that the legend
    // and the table say what outlierctl says.
    auto result = od::readCsvFiles(paths, {}, control);
    LoadOutcome outcome;
    if (!result) {
        outcome.cancelled = cancel.isCancelled();
        outcome.failed = !outcome.cancelled;
        outcome.error = result.error();
        promise.addResult(std::move(outcome));
        return;
    }
    auto data = std::make_shared<Dataset>();
    data->files = files;
    data->series = std::move(result->series);
    data->seriesFile = std::move(result->seriesFile);
    data->rows = result->rows;
    data->skipped = result->skipped;
    data->firstSkipped = std::move(result->firstSkipped);
    finishDataset(*data);
    data->readMillis = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    outcome.dataset = std::move(data);
    promise.addResult(std::move(outcome));
}

} // namespace

FileLoader::FileLoader(QObject* parent)
    : QObject(parent)
    , m_job(this, 1)
{ }

FileLoader::~FileLoader() = default;

void FileLoader::load(const QStringList& files)
{
    m_job.start([files](QPromise<LoadOutcome>& promise, CancelFlag& cancel) { readFiles(promise, files, cancel); },
        [this](int permille) { emit progressChanged(permille); },
        [this](const QFuture<LoadOutcome>& future) { onFinished(future); });
}

void FileLoader::cancel()
{
    m_job.cancel();
}

void FileLoader::onFinished(const QFuture<LoadOutcome>& future)
{
    if (future.resultCount() == 0) {
        emit cancelled();
        return;
    }
    const LoadOutcome outcome = future.result();
    if (outcome.cancelled)
        emit cancelled();
    else if (outcome.failed)
        emit failed(outcome.error);
    else
        emit loaded(outcome.dataset);
}
