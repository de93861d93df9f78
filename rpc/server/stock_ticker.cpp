#include "stock_ticker.h"

#include "rpc/server/stream_registry.h"
#include "rpc/server/tracked_reactor.h"

#include <grpcpp/alarm.h>

#include <memory>
#include <mutex>
#include <random>

namespace od::rpc {
namespace {

    // The pause is an Alarm, so no thread sleeps while a stream waits. Locking as in
    // tracked_reactor.h; a drain cancels a pending alarm, whose callback then ends the stream.
    class StockTicker final : public TrackedReactor<grpc::ServerWriteReactor<greeter::StockReply>>
    {
    public:
        StockTicker(grpc::CallbackServerContext* context, std::string symbol, StockOptions options)
            : TrackedReactor(context)
            , m_options(options)
            , m_random(std::random_device {}())
        {
            m_reply.set_symbol(std::move(symbol));
        }

        void OnWriteDone(bool ok) override
        {
            std::unique_lock lock(m_mutex);
            markWritten();
            if (!ok || m_cancelled || draining()) {
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
                if (fired && !m_cancelled && !draining()) {
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

    private:
        void begin() override { writeNext(); }

        bool stopForDrain() override
        {
            if (m_alarmPending)
                m_alarm.Cancel();
            return false; // a pending write ends the stream in OnWriteDone, an alarm in its callback
        }

        grpc::Status endStatus(bool ok)
        {
            std::lock_guard lock(m_mutex);
            if (draining() && ok && !m_cancelled)
                return shuttingDown();
            return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
        }

        void writeNext()
        {
            {
                std::lock_guard lock(m_mutex);
                std::uniform_real_distribution<double> price(500.0, 600.0);
                m_reply.set_price(price(m_random));
                ++m_sent;
                markWriting();
            }
            StartWrite(&m_reply);
        }

        StockOptions m_options;
        std::mt19937_64 m_random;
        greeter::StockReply m_reply;
        grpc::Alarm m_alarm;
        int m_sent = 0;
        bool m_alarmPending = false;
        bool m_cancelled = false;
    };

} // namespace

grpc::ServerWriteReactor<greeter::StockReply>* startStockTicker(
    grpc::CallbackServerContext* context, std::string symbol, StockOptions options, StreamRegistry& registry)
{
    auto ticker = makeTrackedStream<StockTicker>(context, std::move(symbol), options);
    registry.add(ticker);
    ticker->start(ticker);
    return ticker.get();
}

} // namespace od::rpc
