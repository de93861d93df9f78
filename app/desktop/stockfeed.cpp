#include "stockfeed.h"

#include "channelprovider.h"
#include "guithread.h"
#include "tickinbox.h"

#include "rpc/stock_stream.h"

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
    symbol.backoffMs = 0;
    beginStream(symbol);
}

void StockFeed::beginStream(StockSymbol& symbol)
{
    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    const quint64 id = m_nextStreamId++;
    symbol.streamId = id;
    symbol.ticksThisStream = 0;
    symbol.phase = StockSymbol::Phase::Live;

    od::rpc::StockStream::Callbacks callbacks;
    callbacks.tick = [inbox = m_inbox, id](const od::rpc::StockTick& tick) { inbox->push(id, tick.price); };
    callbacks.finished = [self = QPointer<StockFeed>(this), id](const od::rpc::RpcStatus& status) {
        postToGui(self, [id, status](StockFeed* feed) { feed->onStreamFinished(id, status); });
    };
    symbol.stream = od::rpc::StockStream::start(m_channels->channel(endpoint), symbol.name.toStdString(), callbacks);
    setState(symbol, tr("live"));
    emit message(tr("%1: streaming from %2").arg(symbol.name, endpoint), false);
    emit streamStarted(&symbol);
}

void StockFeed::stop(StockSymbol& symbol)
{
    if (symbol.phase == StockSymbol::Phase::Reconnecting) {
        symbol.phase = StockSymbol::Phase::Stopped; // the pending retry sees this and does nothing
        setState(symbol, tr("stopped"));
        emit message(tr("%1: stopped; no more reconnects").arg(symbol.name), false);
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
    const std::vector<TickInbox::Tick> ticks = m_inbox->take(dropped);
    StockSymbol* symbol = nullptr;
    for (const auto& tick : ticks) {
        if (!symbol || symbol->streamId != tick.stream) {
            symbol = findStream(tick.stream);
            if (!symbol)
                continue; // a stream superseded by a restart: its last ticks are stale
        }
        symbol->series.push(tick.timeMs, tick.price);
        ++symbol->ticksThisStream;
        symbol->backoffMs = 0; // the server answers again: the next failure starts over at 1 s
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
    if (status.ok()) {
        symbol->phase = StockSymbol::Phase::Ended;
        setState(*symbol, tr("ended"));
        emit message(
            tr("%1: ended; the server closed the stream after %n tick(s)", nullptr, int(ticks)).arg(symbol->name),
            false);
    } else if (symbol->phase == StockSymbol::Phase::Stopping) {
        symbol->phase = StockSymbol::Phase::Stopped;
        setState(*symbol, tr("stopped"));
        emit message(tr("%1: stopped (cancelled) after %n tick(s)", nullptr, int(ticks)).arg(symbol->name), false);
    } else if (m_reconnect) {
        symbol->backoffMs = symbol->backoffMs ? std::min(2 * symbol->backoffMs, kMaxBackoffMs) : kFirstBackoffMs;
        symbol->phase = StockSymbol::Phase::Reconnecting;
        setState(*symbol, tr("reconnecting in %1 s; %2").arg(symbol->backoffMs / 1000).arg(error));
        emit message(tr("%1: %2; reconnecting in %3 s").arg(symbol->name, error).arg(symbol->backoffMs / 1000), true);
        QTimer::singleShot(symbol->backoffMs, this, [this, name = symbol->name, streamId] {
            StockSymbol* s = find(name);
            if (s && s->phase == StockSymbol::Phase::Reconnecting && s->streamId == streamId)
                beginStream(*s);
        });
    } else {
        symbol->phase = StockSymbol::Phase::Failed;
        setState(*symbol, tr("error: %1").arg(error));
        emit message(
            tr("%1: the stream failed after %n tick(s): %2", nullptr, int(ticks)).arg(symbol->name, error), true);
    }
    symbol->dirty = true;
    emit streamFinished(symbol, status.code);
}

void StockFeed::setState(StockSymbol& symbol, const QString& state)
{
    symbol.state = state;
    emit stateChanged(&symbol);
}
