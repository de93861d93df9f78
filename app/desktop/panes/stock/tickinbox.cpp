#include "desktop/panes/stock/tickinbox.h"

#include <chrono>

double liveClockMs()
{
    using namespace std::chrono;
    static const auto steadyStart = steady_clock::now();
    static const double epochStartMs = duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
    return epochStartMs + duration<double, std::milli>(steady_clock::now() - steadyStart).count();
}
