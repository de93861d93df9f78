#include "desktop/session.h"

#include "chart/chartviewstate.h"

#include "desktop/data/filefollower.h"
#include "desktop/data/fileloader.h"
#include "desktop/detection/detectionrunner.h"

#include <QFileInfo>

#include <utility>

Session::Session(std::function<DetectorChoice()> choice, ChannelProvider* channels, QObject* parent)
    : QObject(parent)
    , m_choice(std::move(choice))
    , m_viewState(new ChartViewState(this))
    , m_loader(new FileLoader(this))
    , m_follower(new FileFollower(this))
    , m_runner(new DetectionRunner(channels, this))
{
    connect(m_loader, &FileLoader::progressChanged, this, [this](int permille) {
        m_loadPermille = permille;
        emit progressChanged();
    });
    connect(m_loader, &FileLoader::loaded, this, &Session::onLoaded);
    connect(m_loader, &FileLoader::failed, this, [this](const od::Error& error) {
        emit progressChanged();
        emit loadFailed(error);
    });
    connect(m_loader, &FileLoader::cancelled, this, [this] {
        emit progressChanged();
        emit loadCancelled();
    });
    connect(m_runner, &DetectionRunner::progressChanged, this, [this](int done, int total) {
        m_detectDone = done;
        m_detectTotal = total;
        emit progressChanged();
    });
    connect(m_runner, &DetectionRunner::finished, this, &Session::onRunFinished);
    connect(m_follower, &FileFollower::reloaded, this, &Session::onLoaded);
    connect(m_follower, &FileFollower::appended, this, [this](const DatasetPtr& dataset, std::size_t rows) {
        m_dataset = dataset;
        emit datasetGrown(dataset, rows);
        m_followDetect.start();
    });
    connect(m_follower, &FileFollower::problem, this,
        [this](const od::Error& e) { emit problem(QString::fromStdString(e.toString())); });
    // Rows arrive in bursts: judge them once the burst is over, not once per write.
    m_followDetect.setSingleShot(true);
    m_followDetect.setInterval(300);
    connect(&m_followDetect, &QTimer::timeout, this, [this] {
        if (m_runner->isBusy())
            m_detectWhenDone = true;
        else
            detect();
    });
}

void Session::open(const QStringList& files)
{
    if (files.isEmpty())
        return;
    stopFollowing();
    QStringList names;
    for (const QString& f : files)
        names << QFileInfo(f).fileName();
    m_loadingText = tr("Reading %1").arg(names.join(QStringLiteral(", ")));
    m_loadPermille = 0;
    m_loader->load(files);
    emit progressChanged();
}

void Session::follow(const QString& path)
{
    m_follower->follow(path);
}

void Session::stopFollowing()
{
    m_follower->stop();
    m_followDetect.stop();
}

bool Session::isFollowing() const
{
    return m_follower->isFollowing();
}

Session::Progress Session::progress() const
{
    using Task = Progress::Task;
    if (m_loader->isBusy())
        return { Task::Loading, m_loadingText, m_loadPermille, 1000 };
    if (m_runner->isBusy())
        return { Task::Detecting, QString(), m_detectDone, m_detectTotal };
    return {};
}

void Session::onLoaded(const DatasetPtr& dataset)
{
    m_dataset = dataset;
    m_detections.reset();
    m_alarmResume.reset();
    emit progressChanged();
    // Detection first: it runs on a worker while this thread lays the new chart out.
    detect();
    emit datasetReplaced(dataset);
}

void Session::detect()
{
    if (!m_dataset || m_dataset->series.empty())
        return;
    const DetectorChoice choice = m_choice();
    if (choice.remote && choice.endpoint.isEmpty()) {
        emit problem(tr("Enter the remote detector's address as host:port."));
        return;
    }
    m_detectDone = 0;
    m_detectTotal = int(m_dataset->series.size());
    m_runner->run(m_dataset, choice, m_alarmResume);
    emit progressChanged();
}

void Session::cancel()
{
    m_loader->cancel();
    m_runner->cancel();
}

void Session::onRunFinished(const DetectionOutcome& outcome)
{
    emit progressChanged();
    const bool current = outcome.dataset == m_dataset;
    // A followed file grew while its rows were judged: the answer fits the rows it saw, so it
    // is shown, and the new rows are judged next.
    const bool grownSince = !current && outcome.dataset && m_dataset && m_dataset->lineage != 0
        && outcome.dataset->lineage == m_dataset->lineage;
    if (!current && !grownSince)
        return; // detected on data that has since been replaced
    if (grownSince || std::exchange(m_detectWhenDone, false))
        m_followDetect.start();
    if (outcome.ok()) {
        m_detections = outcome.detections;
        m_alarmResume = outcome.alarmResume;
    }
    emit detectionFinished(outcome);
}
