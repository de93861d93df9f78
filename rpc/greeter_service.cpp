#include "greeter_service.h"

#include <grpcpp/alarm.h>

#include <mutex>
#include <random>

namespace od::rpc {
namespace {

    // One GetStockPrice stream: a price, a pause, a price... The pause is an Alarm, so no
    // thread sleeps while a stream waits.
    class StockStream final : public grpc::ServerWriteReactor<greeter::StockReply>
    {
    public:
        StockStream(std::string symbol, GreeterOptions options)
            : m_options(options)
            , m_random(std::random_device {}())
        {
            m_reply.set_symbol(std::move(symbol));
            writeNext();
        }

        void OnWriteDone(bool ok) override
        {
            std::unique_lock lock(m_mutex);
            if (!ok || m_cancelled) {
                lock.unlock();
                finishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
                return;
            }
            if (m_options.stockTicks > 0 && m_sent >= m_options.stockTicks) {
                lock.unlock();
                finishOnce(grpc::Status::OK);
                return;
            }
            m_alarmPending = true;
            lock.unlock();
            m_alarm.Set(std::chrono::system_clock::now() + m_options.stockInterval, [this](bool fired) {
                {
                    std::lock_guard guard(m_mutex);
                    m_alarmPending = false;
                    if (!fired || m_cancelled)
                        fired = false;
                }
                if (fired)
                    writeNext();
                else
                    finishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
            });
        }

        void OnCancel() override
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
            if (m_alarmPending)
                m_alarm.Cancel(); // its callback runs with fired = false and finishes the stream
        }

        void OnDone() override { delete this; }

    private:
        void writeNext()
        {
            std::uniform_real_distribution<double> price(500.0, 600.0);
            m_reply.set_price(price(m_random));
            ++m_sent;
            StartWrite(&m_reply);
        }

        void finishOnce(const grpc::Status& status)
        {
            {
                std::lock_guard lock(m_mutex);
                if (m_finished)
                    return;
                m_finished = true;
            }
            Finish(status); // last touch of this object: OnDone may delete it at once
        }

        GreeterOptions m_options;
        std::mt19937_64 m_random;
        greeter::StockReply m_reply;
        grpc::Alarm m_alarm;
        std::mutex m_mutex;
        int m_sent = 0;
        bool m_alarmPending = false;
        bool m_cancelled = false;
        bool m_finished = false;
    };

    // RecordMetrics: count and mean of every value the client streams, 0 and 0 for none.
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

    // Chat in echo mode: every message is answered by "Server".
    class EchoChat final : public grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>
    {
    public:
        EchoChat() { StartRead(&m_in); }

        void OnReadDone(bool ok) override
        {
            if (!ok) {
                Finish(grpc::Status::OK);
                return;
            }
            m_out.set_user("Server");
            m_out.set_message("Server received: " + m_in.message());
            StartWrite(&m_out);
        }

        void OnWriteDone(bool ok) override
        {
            if (!ok) {
                Finish(grpc::Status(grpc::StatusCode::CANCELLED, "chat cancelled"));
                return;
            }
            StartRead(&m_in);
        }

        void OnDone() override { delete this; }

    private:
        greeter::ChatMessage m_in;
        greeter::ChatMessage m_out;
    };

} // namespace

GreeterService::GreeterService(GreeterOptions options)
    : m_options(options)
{ }

grpc::ServerUnaryReactor* GreeterService::SayHello(
    grpc::CallbackServerContext* context, const greeter::HelloRequest* request, greeter::HelloReply* reply)
{
    reply->set_message("Hello " + request->name());
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerWriteReactor<greeter::StockReply>* GreeterService::GetStockPrice(
    grpc::CallbackServerContext*, const greeter::StockRequest* request)
{
    return new StockStream(request->symbol(), m_options);
}

grpc::ServerReadReactor<greeter::Metric>* GreeterService::RecordMetrics(
    grpc::CallbackServerContext*, greeter::MetricSummary* summary)
{
    return new MetricsRecorder(summary);
}

grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* GreeterService::Chat(grpc::CallbackServerContext*)
{
    return new EchoChat();
}

} // namespace od::rpc
