#include "desktop/panes/stock/stockfeed.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/stock/stocksymbol.h"
#include "desktop/panes/stock/tickinbox.h"

#include "rpc/client/stock_stream.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

#include <algorithm>

namespace {

constexpr int kFirstBackoffMs = 1000;
constexpr int kMaxBackoffMs = 30'000;

} // namespace

StockFeed::StockFeed(
    ChannelProvider* channels, std::function<QString()> endpoint, std::size_t ticksKept, QObject* parent)
    : QObject(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_ticksKept(ticksKept)
    , m_inbox(std::make_shared<TickInbox>(20 * ticksKept))
{ }

StockFeed::~StockFeed()
{
    // The streams finish on their own threads; their callbacks find the feed gone and only
    // touch the shared inbox.
    for (auto& symbol : m_symbols) {
        if (symbol->stream)
            symbol->stream->cancel();
    }
}

StockSymbol* StockFeed::find(const QString& name) const
{
    const QString key = name.trimmed();
    for (const auto& symbol : m_symbols) {
        if (symbol->name == key)
            return symbol.get();
    }
    return nullptr;
}

StockSymbol* StockFeed::findStream(quint64 streamId) const
{
    for (const auto& symbol : m_symbols) {
        if (symbol->streamId == streamId)
            return symbol.get();
    }
    return nullptr;
}

StockSymbol& StockFeed::add(const QString& name)
{
    m_symbols.push_back(std::make_unique<StockSymbol>(name.trimmed(), m_ticksKept, m_detector));
    StockSymbol& symbol = *m_symbols.back();
    emit symbolAdded(&symbol);
    return symbol;
}

void StockFeed::start(StockSymbol& symbol)
{
    if (symbol.phase == StockSymbol::Phase::Live || symbol.phase == StockSymbol::Phase::Stopping)
        return;
    if (symbol.retryTimer)
        symbol.retryTimer->stop(); // Start while waiting: now, not later as well
    symbol.backoffMs = 0;
    symbol.attempts = 0;
    beginStream(symbol);
}

void StockFeed::beginStream(StockSymbol& symbol)
{
    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    const quint64 id = m_nextStreamId++;
    symbol.streamId = id;
    symbol.endpoint = endpoint;
    symbol.ticksThisStream = 0;
    symbol.phase = StockSymbol::Phase::Live;

    od::rpc::StockStream::Callbacks callbacks;
    callbacks.tick = [inbox = m_inbox, id](const od::rpc::StockTick& tick) { inbox->push(id, tick.price); };
    callbacks.finished = [toGui = m_toGui, id](const od::rpc::RpcStatus& status) {
        toGui([id, status](StockFeed* feed) { feed->onStreamFinished(id, status); });
    };
    symbol.stream
        = od::rpc::StockStream::start(m_channels->channelForCall(endpoint), symbol.name.toStdString(), callbacks);
    setState(symbol, tr("live"));
    if (symbol.attempts > 0)
        emit message(tr("%1: reconnecting to %2 (attempt %3)").arg(symbol.name, endpoint).arg(symbol.attempts), false);
    else
        emit message(tr("%1: streaming from %2").arg(symbol.name, endpoint), false);
    emit streamStarted(&symbol);
}

void StockFeed::stop(StockSymbol& symbol)
{
    if (symbol.phase == StockSymbol::Phase::Reconnecting) {
        symbol.retryTimer->stop();
        symbol.phase = StockSymbol::Phase::Stopped;
        setState(symbol, tr("stopped"));
        emit message(tr("%1: stopped; the reconnect that was due at %2 is cancelled")
                         .arg(symbol.name,
                             QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(symbol.retryAtMs)).time(),
                                 QStringLiteral("HH:mm:ss"))),
            false);
    } else if (symbol.phase == StockSymbol::Phase::Live && symbol.stream) {
        symbol.phase = StockSymbol::Phase::Stopping;
        setState(symbol, tr("stopping…"));
        symbol.stream->cancel(); // finishes with CANCELLED on a gRPC thread, reported below
    }
}

bool StockFeed::anyRunning() const
{
    return std::any_of(m_symbols.begin(), m_symbols.end(), [](const auto& s) { return s->running(); });
}

double StockFeed::drain()
{
    std::size_t dropped = 0;
    m_inbox->take(m_drained, dropped);
    StockSymbol* symbol = nullptr;
    for (const auto& tick : m_drained) {
        if (!symbol || symbol->streamId != tick.stream) {
            symbol = findStream(tick.stream);
            if (!symbol)
                continue; // a stream superseded by a restart: its last ticks are stale
        }
        symbol->series.push(tick.timeMs, tick.price);
        ++symbol->ticksThisStream;
        symbol->backoffMs = 0; // the server answers again: the next failure starts over at 1 s
        symbol->attempts = 0;
        symbol->dirty = true;
        symbol->rowDirty = true;
        m_newestMs = std::max(m_newestMs, tick.timeMs);
    }
    if (dropped)
        emit message(tr("%1 ticks were dropped while the display was busy").arg(dropped), true);
    return m_newestMs;
}

void StockFeed::setDetector(const od::OnlineSettings& settings)
{
    m_detector = settings;
    drain();
    for (auto& symbol : m_symbols) {
        symbol->series.setDetector(settings);
        symbol->dirty = true;
    }
}

void StockFeed::onStreamFinished(quint64 streamId, const od::rpc::RpcStatus& status)
{
    drain(); // the ticks that came before the end belong to this stream
    StockSymbol* symbol = findStream(streamId);
    if (!symbol)
        return;
    symbol->stream.reset();
    const QString error = QString::fromStdString(status.toString());
    const qint64 ticks = symbol->ticksThisStream;
    if (status.ok() && m_reconnect == Reconnect::Always) {
        scheduleRetry(*symbol, tr("the server ended the stream after %n tick(s)", nullptr, int(ticks)), false);
    } else if (status.ok()) {
        symbol->phase = StockSymbol::Phase::Ended;
        setState(*symbol, tr("ended"));
        emit message(
            tr("%1: ended; the server closed the stream after %n tick(s)", nullptr, int(ticks)).arg(symbol->name),
            false);
    } else if (symbol->phase == StockSymbol::Phase::Stopping) {
        symbol->phase = StockSymbol::Phase::Stopped;
        setState(*symbol, tr("stopped"));
        emit message(tr("%1: stopped (cancelled) after %n tick(s)", nullptr, int(ticks)).arg(symbol->name), false);
    } else if (m_reconnect != Reconnect::Never) {
        scheduleRetry(*symbol, error, true);
    } else {
        symbol->phase = StockSymbol::Phase::Failed;
        setState(*symbol, tr("error: %1").arg(error));
        emit message(
            tr("%1: the stream failed after %n tick(s): %2", nullptr, int(ticks)).arg(symbol->name, error), true);
    }
    symbol->dirty = true;
    emit streamFinished(symbol, status.code);
}

void StockFeed::scheduleRetry(StockSymbol& symbol, const QString& why, bool isError)
{
    symbol.backoffMs = symbol.backoffMs ? std::min(2 * symbol.backoffMs, kMaxBackoffMs) : kFirstBackoffMs;
    ++symbol.attempts;
    symbol.phase = StockSymbol::Phase::Reconnecting;
    symbol.retryAtMs = liveClockMs() + symbol.backoffMs;
    if (!symbol.retryTimer) {
        symbol.retryTimer = new QTimer(this);
        symbol.retryTimer->setSingleShot(true);
        connect(symbol.retryTimer, &QTimer::timeout, this, [this, s = &symbol] {
            if (s->phase == StockSymbol::Phase::Reconnecting)
                beginStream(*s);
        });
    }
    symbol.retryTimer->start(symbol.backoffMs);
    const QString at = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(qint64(symbol.retryAtMs)).time(), QStringLiteral("HH:mm:ss"));
    const QString plan
        = tr("reconnecting in %1 s at %2 (attempt %3)").arg(symbol.backoffMs / 1000).arg(at).arg(symbol.attempts);
    setState(symbol, tr("%1; %2").arg(plan, why));
    emit message(tr("%1: %2; %3").arg(symbol.name, why, plan), isError);
}

void StockFeed::setState(StockSymbol& symbol, const QString& state)
{
    symbol.state = state;
    emit stateChanged(&symbol);
}
