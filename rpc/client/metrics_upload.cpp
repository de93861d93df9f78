#include "metrics_upload.h"

#include "channel_release.h"

#include "greeter/greeter.grpc.pb.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <cmath>

namespace od::rpc {
namespace {

    class UploadCall final : public MetricsUpload, public grpc::ClientWriteReactor<greeter::Metric>
    {
    public:
        UploadCall(std::shared_ptr<const Series> series, Callbacks callbacks)
            : m_series(std::move(series))
            , m_callbacks(std::move(callbacks))
        {
            for (const double v : m_series->values)
                m_total += !std::isnan(v);
            m_progressStep = std::max<std::int64_t>(1, m_total / 100);
        }

        void begin(std::shared_ptr<UploadCall> self, const std::shared_ptr<grpc::Channel>& channel,
            std::chrono::milliseconds deadline)
        {
            m_self = std::move(self);
            if (deadline.count() > 0)
                m_context.set_deadline(std::chrono::system_clock::now() + deadline);
            m_channel = channel;
            m_stub = greeter::Greeter::NewStub(channel);
            m_stub->async()->RecordMetrics(&m_context, &m_summary, this);
            writeNext();
            StartCall();
        }

        void cancel() override { m_context.TryCancel(); }

        void OnWriteDone(bool ok) override
        {
            if (!ok)
                return; // the call failed or was cancelled; OnDone says how
            ++m_sent;
            if (m_callbacks.progress && (m_sent % m_progressStep == 0 || m_sent == m_total))
                m_callbacks.progress(m_sent, m_total);
            writeNext();
        }

        void OnDone(const grpc::Status& status) override
        {
            UploadSummary s;
            s.status = RpcStatus::from(status);
            s.sent = m_sent;
            if (status.ok()) {
                s.count = m_summary.count();
                s.average = m_summary.average();
            }
            if (m_callbacks.finished)
                m_callbacks.finished(s);
            releaseCall(std::move(m_self), m_channel); // may destroy this object: touch nothing after
        }

    private:
        // The next non-missing value, or the half-close when there is none left.
        void writeNext()
        {
            const auto& values = m_series->values;
            while (m_next < values.size() && std::isnan(values[m_next]))
                ++m_next;
            if (m_next == values.size()) {
                StartWritesDone();
                return;
            }
            m_metric.set_value(values[m_next++]);
            StartWrite(&m_metric);
        }

        std::shared_ptr<const Series> m_series;
        Callbacks m_callbacks;
        std::unique_ptr<greeter::Greeter::Stub> m_stub;
        grpc::ClientContext m_context;
        greeter::Metric m_metric;
        greeter::MetricSummary m_summary;
        std::size_t m_next = 0;
        std::int64_t m_sent = 0;
        std::int64_t m_total = 0;
        std::int64_t m_progressStep = 1;
        // Also held by the stub and the context; this copy lets OnDone hand the last one away.
        std::shared_ptr<grpc::Channel> m_channel;
        std::shared_ptr<UploadCall> m_self;
    };

} // namespace

std::shared_ptr<MetricsUpload> MetricsUpload::start(const std::shared_ptr<grpc::Channel>& channel,
    std::shared_ptr<const Series> series, Callbacks callbacks, std::chrono::milliseconds deadline)
{
    auto call = std::make_shared<UploadCall>(std::move(series), std::move(callbacks));
    call->begin(call, channel, deadline);
    return call;
}

} // namespace od::rpc
