#include "metrics_recorder.h"

#include <cstdint>

namespace od::rpc {
namespace {

    class MetricsRecorder final : public grpc::ServerReadReactor<greeter::Metric>
    {
    public:
        explicit MetricsRecorder(greeter::MetricSummary* summary)
            : m_summary(summary)
        {
            StartRead(&m_metric);
        }

        void OnReadDone(bool ok) override
        {
            if (ok) {
                ++m_count;
                m_sum += m_metric.value();
                StartRead(&m_metric);
                return;
            }
            // The client half-closed (or went away): answer with what arrived.
            m_summary->set_count(static_cast<std::int32_t>(m_count));
            m_summary->set_average(m_count ? static_cast<double>(m_sum / static_cast<long double>(m_count)) : 0.0);
            Finish(grpc::Status::OK);
        }

        void OnDone() override { delete this; }

    private:
        greeter::MetricSummary* m_summary;
        greeter::Metric m_metric;
        std::int64_t m_count = 0;
        long double m_sum = 0;
    };

} // namespace

grpc::ServerReadReactor<greeter::Metric>* startMetricsRecorder(greeter::MetricSummary* summary)
{
    return new MetricsRecorder(summary);
}

} // namespace od::rpc
