#include "desktop/data/fileloader.h"

#include "core/csv_reader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <set>

struct LoadOutcome
{
    DatasetPtr dataset;
    od::Error error;
    bool failed = false;
    bool cancelled = false;
};

namespace {

void readFiles(QPromise<LoadOutcome>& promise, const QStringList& files, std::shared_ptr<std::atomic<bool>> cancel)
{
    promise.setProgressRange(0, 1000);
    QElapsedTimer timer;
    timer.start();
    auto data = std::make_shared<Dataset>();
    data->files = files;
    std::vector<std::string> stems; // per series, to tell apart equal names from different files
    std::map<std::string, std::set<qsizetype>> filesOfName;
    const auto count = static_cast<std::uint64_t>(files.size());
    for (qsizetype i = 0; i < files.size(); ++i) {
        const auto fileIndex = static_cast<std::uint64_t>(i);
        od::ReadControl control;
        control.cancel = cancel.get();
        control.progress = [&promise, fileIndex, count](std::uint64_t done, std::uint64_t total) {
            const std::uint64_t part = total > 0 ? done * 1000 / total : 0;
            promise.setProgressValue(static_cast<int>((fileIndex * 1000 + part) / count));
        };
        auto result = od::readCsvFile(QFile::encodeName(files[i]).toStdString(), {}, control);
        if (!result) {
            LoadOutcome outcome;
            outcome.cancelled = cancel->load();
            outcome.failed = !outcome.cancelled;
            outcome.error = result.error();
            promise.addResult(std::move(outcome));
            return;
        }
        data->rows += result->rows;
        data->skipped += result->skipped;
        for (auto& e : result->firstSkipped)
            data->firstSkipped.push_back(std::move(e));
        for (auto& s : result->series) {
            filesOfName[s.name].insert(i);
            stems.push_back(QFileInfo(files[i]).completeBaseName().toStdString());
            data->series.push_back(std::move(s));
        }
    }
    // Two files may both hold "cpu"; as outlierctl does, both become "stem/cpu" so that the
    // legend and the table tell them apart.
    for (std::size_t k = 0; k < data->series.size(); ++k) {
        auto& name = data->series[k].name;
        if (filesOfName[name].size() > 1)
            name = stems[k] + "/" + name;
    }
    finishDataset(*data);
    data->readMillis = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    LoadOutcome outcome;
    outcome.dataset = std::move(data);
    promise.addResult(std::move(outcome));
}

} // namespace

FileLoader::FileLoader(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

FileLoader::~FileLoader()
{
    cancel();
    m_pool.waitForDone();
}

void FileLoader::load(const QStringList& files)
{
    if (m_watcher) {
        // Superseded: the old read stops at its next cancel check and nobody hears of it.
        m_cancel->store(true);
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, &FileLoader::progressChanged);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] { onFinished(watcher); });
    watcher->setFuture(QtConcurrent::run(&m_pool, readFiles, files, m_cancel));
}

void FileLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void FileLoader::onFinished(QFutureWatcher<LoadOutcome>* watcher)
{
    watcher->deleteLater();
    if (watcher != m_watcher)
        return;
    m_watcher = nullptr;
    if (watcher->future().resultCount() == 0) {
        emit cancelled();
        return;
    }
    const LoadOutcome outcome = watcher->result();
    if (outcome.cancelled)
        emit cancelled();
    else if (outcome.failed)
        emit failed(outcome.error);
    else
        emit loaded(outcome.dataset);
}
