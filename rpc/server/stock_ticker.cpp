#include "stock_ticker.h"

#include "rpc/server/stream_registry.h"

#include <grpcpp/alarm.h>

#include <memory>
#include <mutex>
#include <random>

namespace od::rpc {
namespace {

    // The pause is an Alarm, so no thread sleeps while a stream waits. Every state change is
    // under m_mutex; StartWrite and Finish are called outside it, because grpc may run the
    // resulting reaction at once on the same thread. The mutex is recursive for the registry's
    // calls, whose TryCancel may run OnCancel on the calling thread.
    class StockTicker final : public grpc::ServerWriteReactor<greeter::StockReply>, public TrackedStream
    {
    public:
        StockTicker(grpc::CallbackServerContext* context, std::string symbol, StockOptions options)
            : m_context(context)
            , m_options(options)
            , m_random(std::random_device {}())
        {
            m_reply.set_symbol(std::move(symbol));
        }

        void start(std::shared_ptr<StockTicker> self)
        {
            m_self = std::move(self);
            writeNext();
        }

        void OnWriteDone(bool ok) override
        {
            std::unique_lock lock(m_mutex);
            m_writing = false;
            if (!ok || m_cancelled || m_draining) {
                lock.unlock();
                finishOnce(endStatus(ok));
                return;
            }
            if (m_options.ticks > 0 && m_sent >= m_options.ticks) {
                lock.unlock();
                finishOnce(grpc::Status::OK);
                return;
            }
            if (m_options.interval.count() == 0) {
                // As fast as the client takes them: the next write goes out as soon as flow
                // control accepts this one.
                lock.unlock();
                writeNext();
                return;
            }
            m_alarmPending = true;
            lock.unlock();
            m_alarm.Set(std::chrono::system_clock::now() + m_options.interval, [this](bool fired) {
                std::unique_lock guard(m_mutex);
                m_alarmPending = false;
                if (fired && !m_cancelled && !m_draining) {
                    guard.unlock();
                    writeNext();
                } else {
                    guard.unlock();
                    finishOnce(endStatus(true));
                }
            });
        }

        void OnCancel() override
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
            if (m_alarmPending)
                m_alarm.Cancel(); // its callback runs with fired = false and finishes the stream
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
            std::lock_guard lock(m_mutex);
            if (m_done || m_draining)
                return;
            m_draining = true;
            if (m_alarmPending)
                m_alarm.Cancel();
            // A pending write ends the stream in OnWriteDone.
        }

    private:
        grpc::Status endStatus(bool ok)
        {
            std::lock_guard lock(m_mutex);
            if (m_draining && ok && !m_cancelled)
                return grpc::Status(grpc::StatusCode::UNAVAILABLE, "outlierd is shutting down");
            return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
        }

        void writeNext()
        {
            {
                std::lock_guard lock(m_mutex);
                std::uniform_real_distribution<double> price(500.0, 600.0);
                m_reply.set_price(price(m_random));
                ++m_sent;
                m_writing = true;
                m_writeStarted = std::chrono::steady_clock::now();
            }
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
            Finish(status);
        }

        grpc::CallbackServerContext* m_context;
        StockOptions m_options;
        std::mt19937_64 m_random;
        greeter::StockReply m_reply;
        grpc::Alarm m_alarm;
        std::recursive_mutex m_mutex;
        std::shared_ptr<StockTicker> m_self;
        std::chrono::steady_clock::time_point m_writeStarted;
        int m_sent = 0;
        bool m_writing = false;
        bool m_alarmPending = false;
        bool m_cancelled = false;
        bool m_draining = false;
        bool m_finished = false;
        bool m_done = false;
    };

} // namespace

grpc::ServerWriteReactor<greeter::StockReply>* startStockTicker(
    grpc::CallbackServerContext* context, std::string symbol, StockOptions options, StreamRegistry& registry)
{
    auto ticker = std::make_shared<StockTicker>(context, std::move(symbol), options);
    registry.add(ticker);
    ticker->start(ticker);
    return ticker.get();
}

} // namespace od::rpc
