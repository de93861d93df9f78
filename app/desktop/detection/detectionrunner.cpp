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

// A local run of the core's detector on one series; alarm goes on from `from` where it can and
// records where it stopped in `to`.
od::Result<od::Detection> detectLocal(const od::Series& s, std::size_t at, const DetectionOutcome& outcome,
    const AlarmResume* from, AlarmResume* to, std::size_t& judged)
{
    const od::DetectorParams params = paramsOf(outcome.choice);
    if (!to) {
        judged = s.size();
        // The band is worked out again for what the chart shows (BandDetail::Replayed) rather
        // than kept at every point.
        return od::detect(s.values, s.times, params, od::BandDetail::Replayed);
    }
    if (auto ok = od::validate(params); !ok)
        return ok.error();
    return resumeAlarm(
        s, at, outcome.dataset->lineage, od::alarmSettings(params, s.times, s.size()), from, *to, judged);
}

void detectAll(QPromise<DetectionOutcome>& promise, DetectionOutcome outcome, const RemoteCall& remoteCall,
    DetectionJob* job, const AlarmResumePtr& from)
{
    QElapsedTimer timer;
    timer.start();
    const auto& series = outcome.dataset->series;
    promise.setProgressRange(0, static_cast<int>(series.size()));
    std::vector<od::Detection> detections;
    std::optional<bool> offered; // does the server have outlierdesk.v1? Asked once per run.
    std::shared_ptr<AlarmResume> to;
    if (!outcome.choice.remote && outcome.choice.method == QLatin1String("alarm")) {
        to = std::make_shared<AlarmResume>();
        to->lineage = outcome.dataset->lineage;
    }
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
            outcome.judgedPoints += s.size();
            detections.push_back(std::move(remote.result.detection));
        } else {
            std::size_t judged = 0;
            auto local = detectLocal(s, i, outcome, from.get(), to.get(), judged);
            outcome.judgedPoints += judged;
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
    if (outcome.ok()) {
        outcome.detections = std::make_shared<const std::vector<od::Detection>>(std::move(detections));
        outcome.incidents
            = std::make_shared<const SeriesIncidents>(groupSeriesIncidents(*outcome.dataset, *outcome.detections));
        if (to) {
            to->detections = outcome.detections;
            outcome.alarmResume = std::move(to);
        }
    }
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

quint64 DetectionRunner::run(const DatasetPtr& dataset, const DetectorChoice& choice, AlarmResumePtr resume)
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
    return m_job.start([request = std::move(request), remoteCall = std::move(remoteCall), resume = std::move(resume)](
                           QPromise<DetectionOutcome>& promise,
                           DetectionJob& job) { detectAll(promise, request, remoteCall, &job, resume); },
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
