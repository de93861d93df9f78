#include "desktop/detection/detectionrunner.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/connection/rpcfailure.h"

#include "core/detector.h"
#include "rpc/call_canceller.h"
#include "rpc/detector_client.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

// What the GUI thread keeps of a run so it can stop it from outside.
struct DetectionJob
{
    std::atomic<bool> cancelled { false };
    od::rpc::CallCanceller canceller;
};

namespace {

// What a remote run needs from the GUI thread's connection settings.
struct RemoteCall
{
    std::shared_ptr<grpc::Channel> channel;
    std::chrono::milliseconds deadline { 30'000 };
    bool tls = false;
};

// The core's parameters for the method, threshold and further parameters the user chose.
od::DetectorParams paramsOf(const DetectorChoice& choice)
{
    od::DetectorParams params;
    params.method = choice.method.toStdString();
    params.threshold = choice.threshold;
    for (auto it = choice.params.begin(); it != choice.params.end(); ++it)
        od::setParam(params, it.key().toStdString(), it.value());
    return params;
}

void detectAll(QPromise<DetectionOutcome>& promise, DetectionOutcome outcome, RemoteCall remoteCall,
    std::shared_ptr<DetectionJob> job)
{
    QElapsedTimer timer;
    timer.start();
    const auto& series = outcome.dataset->series;
    promise.setProgressRange(0, static_cast<int>(series.size()));
    std::vector<od::Detection> detections;
    std::optional<bool> offered; // does the server have outlierdesk.v1? Asked once per run.
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (job->cancelled.load()) {
            outcome.cancelled = true;
            break;
        }
        const od::Series& s = series[i];
        if (outcome.choice.remote) {
            // The server's own rule either way: chunked outlierdesk.v1 where offered, so that
            // big series stay under the message limit, else pb.Outliers/Detect in one message.
            od::rpc::DetectorCallOptions options;
            options.canceller = &job->canceller;
            options.deadline = remoteCall.deadline;
            options.pointBand = true;
            if (outcome.choice.remoteMethod)
                options.params = paramsOf(outcome.choice);
            auto remote = od::rpc::detectRemoteBest(remoteCall.channel, s, options, &offered);
            if (job->cancelled.load()) {
                outcome.cancelled = true;
                break;
            }
            if (!remote.result.status.ok()) {
                const RpcFailureText text
                    = describeRpcFailure(remote.result.status, outcome.choice.endpoint, remoteCall.tls);
                outcome.error = QObject::tr("Remote detection failed: %1").arg(text.sentence);
                outcome.errorDetail = text.detail;
                break;
            }
            outcome.usedDetectorService = remote.usedDetectorService;
            detections.push_back(std::move(remote.result.detection));
        } else {
            auto local = od::detect(s.values, s.times, paramsOf(outcome.choice));
            if (!local) {
                outcome.error
                    = QStringLiteral("Detection failed for %1: %2")
                          .arg(QString::fromStdString(s.name), QString::fromStdString(local.error().toString()));
                break;
            }
            detections.push_back(std::move(*local));
        }
        promise.setProgressValue(static_cast<int>(i + 1));
    }
    if (outcome.ok())
        outcome.detections = std::make_shared<const std::vector<od::Detection>>(std::move(detections));
    outcome.millis = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    promise.addResult(std::move(outcome));
}

} // namespace

DetectionRunner::DetectionRunner(ChannelProvider* channels, QObject* parent)
    : QObject(parent)
    , m_channels(channels ? channels : new ChannelProvider(this))
{
    // Two threads: a superseded remote call may take a moment to notice its cancellation, and
    // must not hold up the run that replaced it.
    m_pool.setMaxThreadCount(2);
}

DetectionRunner::~DetectionRunner()
{
    cancel();
    m_pool.waitForDone();
}

quint64 DetectionRunner::run(const DatasetPtr& dataset, const DetectorChoice& choice)
{
    if (m_watcher) {
        cancel();
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    const quint64 generation = ++m_generation;
    m_job = std::make_shared<DetectionJob>();

    DetectionOutcome request;
    request.generation = generation;
    request.dataset = dataset;
    request.choice = choice;
    RemoteCall remoteCall;
    if (choice.remote) {
        remoteCall.channel = m_channels->channel(choice.endpoint);
        remoteCall.deadline = m_channels->callDeadline();
        remoteCall.tls = m_channels->settings().tls;
    }

    auto* watcher = new QFutureWatcher<DetectionOutcome>(this);
    m_watcher = watcher;
    const int total = static_cast<int>(dataset->series.size());
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
        [this, total](int done) { emit progressChanged(done, total); });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, dataset] {
        watcher->deleteLater();
        if (watcher != m_watcher || generation != m_generation)
            return; // a newer run took over
        m_watcher = nullptr;
        m_job.reset();
        if (watcher->future().resultCount() == 0) {
            // The worker ended without an answer; say so rather than leave the GUI waiting.
            DetectionOutcome lost;
            lost.generation = generation;
            lost.dataset = dataset;
            lost.error = tr("Detection stopped without a result.");
            emit finished(lost);
            return;
        }
        emit finished(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, detectAll, std::move(request), std::move(remoteCall), m_job));
    return generation;
}

void DetectionRunner::cancel()
{
    if (!m_job)
        return;
    m_job->cancelled.store(true);
    m_job->canceller.cancel();
}
