#include "desktop/detection/detectionrunner.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/connection/rpcfailure.h"

#include "core/detect/detector.h"
#include "rpc/client/call_canceller.h"
#include "rpc/client/detector_client.h"

#include <QElapsedTimer>

#include <atomic>

// What the GUI thread keeps of a run so it can stop it from outside, a remote call included.
struct DetectionJob
{
    std::atomic<bool> cancelled { false };
    od::rpc::CallCanceller canceller;
    void cancel()
    {
        cancelled.store(true);
        canceller.cancel();
    }
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

void detectAll(
    QPromise<DetectionOutcome>& promise, DetectionOutcome outcome, const RemoteCall& remoteCall, DetectionJob* job)
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
                outcome.unreachable = isConnectionFailure(remote.result.status);
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
    // Two threads: a superseded remote call may take a moment to notice its cancellation, and
    // must not hold up the run that replaced it.
    , m_job(this, 2)
{ }

DetectionRunner::~DetectionRunner() = default;

quint64 DetectionRunner::run(const DatasetPtr& dataset, const DetectorChoice& choice)
{
    DetectionOutcome request;
    request.generation = m_job.generation() + 1;
    request.dataset = dataset;
    request.choice = choice;
    RemoteCall remoteCall;
    if (choice.remote) {
        remoteCall.channel = m_channels->channelForCall(choice.endpoint);
        remoteCall.deadline = m_channels->callDeadline();
        remoteCall.tls = m_channels->settings().tls;
    }
    const int total = static_cast<int>(dataset->series.size());
    const quint64 generation = request.generation;
    return m_job.start(
        [request = std::move(request), remoteCall = std::move(remoteCall)](
            QPromise<DetectionOutcome>& promise, DetectionJob& job) { detectAll(promise, request, remoteCall, &job); },
        [this, total](int done) { emit progressChanged(done, total); },
        [this, generation, dataset](const QFuture<DetectionOutcome>& future) {
            if (future.resultCount() == 0) {
                // The worker ended without an answer; say so rather than leave the GUI waiting.
                DetectionOutcome lost;
                lost.generation = generation;
                lost.dataset = dataset;
                lost.error = tr("Detection stopped without a result.");
                emit finished(lost);
                return;
            }
            emit finished(future.result());
        });
}

void DetectionRunner::cancel()
{
    m_job.cancel();
}
