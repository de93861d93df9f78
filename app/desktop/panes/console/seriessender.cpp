#include "desktop/panes/console/seriessender.h"

#include "desktop/panes/console/consolecall.h"

#include "rpc/console/number_field.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {

// At most this many messages a tick: a very high rate or a long stall catches up over a few
// frames instead of freezing one.
constexpr std::size_t kMaxPerTick = 2000;

} // namespace

SeriesSender::SeriesSender(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SeriesSender::tick);
}

SeriesSender::~SeriesSender() = default;

void SeriesSender::start(
    ConsoleCall* call, std::unique_ptr<od::rpc::NumberFiller> filler, std::vector<double> values, double perSecond)
{
    stop();
    m_call = call;
    m_filler = std::move(filler);
    m_values = std::move(values);
    m_perSecond = std::max(perSecond, 1e-3);
    m_sent = 0;
    // Ticks no further apart than 50 ms (the progress reads live) and no closer than 1 ms.
    m_timer->setInterval(std::clamp(int(1000.0 / m_perSecond), 1, 50));
    m_clock.start();
    m_timer->start();
    emit progressed(0, m_values.size());
    tick();
}

void SeriesSender::stop()
{
    if (isSending())
        finish(false, {});
}

bool SeriesSender::isSending() const
{
    return m_timer->isActive();
}

void SeriesSender::tick()
{
    if (!m_call || m_call->isFinished()) {
        finish(false, tr("the call ended"));
        return;
    }
    // Due by now: the first at once, then one every 1/rate seconds.
    const double elapsed = double(m_clock.nsecsElapsed()) / 1e9;
    const auto due = std::min(m_values.size(), std::size_t(std::floor(elapsed * m_perSecond)) + 1);
    const std::size_t until = std::min(due, m_sent + kMaxPerTick);
    const std::size_t before = m_sent;
    while (m_sent < until) {
        if (auto error = m_call->sendBytes(m_filler->bytesWith(m_values[m_sent]))) {
            emit progressed(m_sent, m_values.size());
            finish(false, QString::fromStdString(error->message));
            return;
        }
        ++m_sent;
    }
    if (m_sent != before)
        emit progressed(m_sent, m_values.size());
    if (m_sent == m_values.size())
        finish(true, {});
}

void SeriesSender::finish(bool complete, const QString& error)
{
    m_timer->stop();
    m_filler.reset();
    emit ended(complete, error);
}
