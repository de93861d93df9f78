#include "stop_signals.h"

#include <csignal>
#include <pthread.h>

namespace od::server {
namespace {

    sigset_t stopSet()
    {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        return set;
    }

} // namespace

StopSignals::StopSignals()
{
    const sigset_t set = stopSet();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignals::~StopSignals()
{
    join();
}

void StopSignals::join()
{
    if (m_waiter.joinable())
        m_waiter.join();
}

void StopSignals::watch(std::function<void(const char* signalName)> onStop)
{
    m_waiter = std::thread([onStop = std::move(onStop)] {
        const sigset_t set = stopSet();
        int sig = 0;
        sigwait(&set, &sig);
        onStop(sig == SIGINT ? "SIGINT" : "SIGTERM");
    });
}

} // namespace od::server
