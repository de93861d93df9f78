#include "calls_in_flight.h"

#include <grpcpp/support/server_interceptor.h>

namespace od::rpc {

void CallsInFlight::began()
{
    std::lock_guard lock(m_mutex);
    ++m_inFlight;
    ++m_begun;
    m_changed.notify_all();
}

void CallsInFlight::ended()
{
    std::lock_guard lock(m_mutex);
    --m_inFlight;
    m_changed.notify_all();
}

bool CallsInFlight::waitIdle(std::chrono::milliseconds settle, std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    while (!m_stopped) {
        if (!m_changed.wait_until(lock, deadline, [&] { return m_stopped || m_inFlight == 0; }))
            return false;
        if (m_stopped)
            return false;
        const std::uint64_t begun = m_begun;
        const auto until = std::min(deadline, std::chrono::steady_clock::now() + settle);
        m_changed.wait_until(lock, until, [&] { return m_stopped || m_begun != begun; });
        if (!m_stopped && m_begun == begun && m_inFlight == 0)
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
    }
    return false;
}

void CallsInFlight::stop()
{
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_changed.notify_all();
}

long long CallsInFlight::inFlight() const
{
    std::lock_guard lock(m_mutex);
    return m_inFlight;
}

namespace {

    class CountingInterceptor final : public grpc::experimental::Interceptor
    {
    public:
        explicit CountingInterceptor(CallsInFlight& calls)
            : m_calls(calls)
        {
            m_calls.began();
        }
        ~CountingInterceptor() override { m_calls.ended(); }
        CountingInterceptor(const CountingInterceptor&) = delete;
        CountingInterceptor& operator=(const CountingInterceptor&) = delete;

        void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override { methods->Proceed(); }

    private:
        CallsInFlight& m_calls;
    };

    class CountingInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface
    {
    public:
        explicit CountingInterceptorFactory(CallsInFlight& calls)
            : m_calls(calls)
        { }

        grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo*) override
        {
            return new CountingInterceptor(m_calls);
        }

    private:
        CallsInFlight& m_calls;
    };

} // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeCallsInFlightInterceptorFactory(
    CallsInFlight& calls)
{
    return std::make_unique<CountingInterceptorFactory>(calls);
}

} // namespace od::rpc
