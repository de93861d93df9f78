#include "greeter_service.h"

#include "rpc/server/stock_ticker.h"
#include "rpc/server/stream_registry.h"
#include "rpc/server/token_auth.h"

#include <memory>
#include <mutex>

namespace od::rpc {
namespace {

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

    // Chat in echo mode: every message is answered by "Server", the reference behaviour. Reads
    // and writes alternate, so a client that never reads holds one reply here and its stream is
    // cancelled after the stall limit. The mutex is recursive for the registry's calls (see
    // stock_ticker.cpp); StartWrite and Finish run outside it.
    class EchoChat final : public grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>,
                           public TrackedStream
    {
    public:
        explicit EchoChat(grpc::CallbackServerContext* context)
            : m_context(context)
        { }

        void start(std::shared_ptr<EchoChat> self)
        {
            m_self = std::move(self);
            StartRead(&m_in);
        }

        void OnReadDone(bool ok) override
        {
            bool write = false;
            {
                std::lock_guard lock(m_mutex);
                if (ok && !m_draining) {
                    write = true;
                    m_out.set_user("Server");
                    m_out.set_message("Server received: " + m_in.message());
                    m_writing = true;
                    m_writeStarted = std::chrono::steady_clock::now();
                }
            }
            if (!ok)
                finishOnce(grpc::Status::OK);
            else if (write)
                StartWrite(&m_out);
            else
                finishOnce(shuttingDown());
        }

        void OnWriteDone(bool ok) override
        {
            bool draining = false;
            {
                std::lock_guard lock(m_mutex);
                m_writing = false;
                draining = m_draining;
            }
            if (!ok)
                finishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "chat cancelled"));
            else if (draining)
                finishOnce(shuttingDown());
            else
                StartRead(&m_in);
        }

        void OnDone() override
        {
            {
                std::lock_guard lock(m_mutex);
                m_done = true;
            }
            auto self = std::move(m_self); // may delete this on return
        }

        void cancelIfStalledSince(std::chrono::steady_clock::time_point since) override
        {
            std::lock_guard lock(m_mutex);
            if (!m_done && m_writing && m_writeStarted < since)
                m_context->TryCancel();
        }

        void drain() override
        {
            bool idle = false;
            {
                std::lock_guard lock(m_mutex);
                if (m_done || m_draining)
                    return;
                m_draining = true;
                idle = !m_writing; // waiting for the client: end now; else after the write
            }
            if (idle)
                finishOnce(shuttingDown());
        }

    private:
        static grpc::Status shuttingDown()
        {
            return grpc::Status(grpc::StatusCode::UNAVAILABLE, "outlierd is shutting down");
        }

        void finishOnce(const grpc::Status& status)
        {
            {
                std::lock_guard lock(m_mutex);
                if (m_finished)
                    return;
                m_finished = true;
            }
            Finish(status);
        }

        grpc::CallbackServerContext* m_context;
        greeter::ChatMessage m_in;
        greeter::ChatMessage m_out;
        std::recursive_mutex m_mutex;
        std::shared_ptr<EchoChat> m_self;
        std::chrono::steady_clock::time_point m_writeStarted;
        bool m_writing = false;
        bool m_draining = false;
        bool m_finished = false;
        bool m_done = false;
    };

} // namespace

GreeterService::GreeterService(GreeterOptions options, StreamRegistry& registry, const TokenCheck* tokens)
    : m_options(options)
    , m_registry(registry)
    , m_tokens(tokens)
    , m_room(options.chatRoom)
{ }

grpc::ServerUnaryReactor* GreeterService::SayHello(
    grpc::CallbackServerContext* context, const greeter::HelloRequest* request, greeter::HelloReply* reply)
{
    auto* reactor = context->DefaultReactor();
    if (auto denied = m_tokens ? m_tokens->deny(context) : std::nullopt) {
        reactor->Finish(*denied);
        return reactor;
    }
    reply->set_message("Hello " + request->name());
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerWriteReactor<greeter::StockReply>* GreeterService::GetStockPrice(
    grpc::CallbackServerContext* context, const greeter::StockRequest* request)
{
    if (auto denied = m_tokens ? m_tokens->deny(context) : std::nullopt)
        return new RefusedStream<grpc::ServerWriteReactor<greeter::StockReply>>(*denied);
    return startStockTicker(context, request->symbol(), { m_options.stockTicks, m_options.stockInterval }, m_registry);
}

grpc::ServerReadReactor<greeter::Metric>* GreeterService::RecordMetrics(
    grpc::CallbackServerContext* context, greeter::MetricSummary* summary)
{
    if (auto denied = m_tokens ? m_tokens->deny(context) : std::nullopt)
        return new RefusedStream<grpc::ServerReadReactor<greeter::Metric>>(*denied);
    return new MetricsRecorder(summary);
}

grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* GreeterService::Chat(
    grpc::CallbackServerContext* context)
{
    if (auto denied = m_tokens ? m_tokens->deny(context) : std::nullopt)
        return new RefusedStream<grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>>(*denied);
    if (m_options.chat == ChatMode::Room)
        return m_room.join(context, m_registry);
    auto chat = std::make_shared<EchoChat>(context);
    m_registry.add(chat);
    chat->start(chat);
    return chat.get();
}

} // namespace od::rpc
