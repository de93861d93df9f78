#pragma once
// The streams behind the live prices pane: one greeter.Greeter/GetStockPrice call per symbol,
// its ticks collected into the symbol's bounded buffer, its end reported as ended, stopped or
// failed, and, when asked, the stream started again after a growing wait: after errors only,
// or also after the server ended it (the reference server ends every stream after 5 ticks, so
// that is a choice, never the default).
//
// Ticks arrive on gRPC threads and only land in a shared inbox; drain() moves them into the
// symbols on the GUI thread, once per frame. Everything here but the inbox is GUI thread only.

#include "desktop/panes/stock/stocksymbol.h"
#include "desktop/panes/stock/tickinbox.h"
#include "desktop/threads/guipost.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class ChannelProvider;
namespace od::rpc {
struct RpcStatus;
}

class StockFeed : public QObject
{
    Q_OBJECT
public:
    // endpoint() is asked at each stream's start, so a changed endpoint applies to the next one.
    StockFeed(
        ChannelProvider* channels, std::function<QString()> endpoint, std::size_t ticksKept, QObject* parent = nullptr);
    ~StockFeed() override; // cancels every stream still running

    const std::vector<std::unique_ptr<StockSymbol>>& symbols() const { return m_symbols; }
    StockSymbol* find(const QString& name) const; // name is trimmed
    // A new symbol, at rest, judged with the current detector; symbolAdded() tells the display.
    StockSymbol& add(const QString& name);

    // Starts a new stream for symbol (a running one is left as it is); its line continues.
    void start(StockSymbol& symbol);
    // Cancels the stream, or the pending retry (its timer is stopped: nothing starts later).
    void stop(StockSymbol& symbol);
    bool anyRunning() const;

    // Moves the waiting ticks into their symbols, marking them dirty. Returns the newest tick's
    // time seen so far.
    double drain();

    // The detector for every symbol, now and when added; the kept ticks are judged again.
    void setDetector(const od::OnlineSettings& settings);
    const od::OnlineSettings& detector() const { return m_detector; }
    enum class Reconnect {
        Never,
        AfterErrors, // a stream that failed starts again
        Always, // also one that the server ended
    };
    // Waits 1 s before the first retry, then twice as long each time up to 30 s; a tick that
    // arrives starts the count over. Applies to the next end; a pending retry stays pending.
    void setReconnect(Reconnect policy) { m_reconnect = policy; }
    Reconnect reconnect() const { return m_reconnect; }

signals:
    void symbolAdded(StockSymbol* symbol);
    // symbol->state changed.
    void stateChanged(StockSymbol* symbol);
    // A stream began (also a retry).
    void streamStarted(StockSymbol* symbol);
    // A stream ended: code 0 when the server closed it, CANCELLED after stop().
    void streamFinished(StockSymbol* symbol, int code);
    void message(const QString& text, bool isError);

private:
    void beginStream(StockSymbol& symbol);
    void onStreamFinished(quint64 streamId, const od::rpc::RpcStatus& status);
    void scheduleRetry(StockSymbol& symbol, const QString& why, bool isError);
    void setState(StockSymbol& symbol, const QString& state);
    StockSymbol* findStream(quint64 streamId) const;

    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    std::size_t m_ticksKept;
    std::shared_ptr<TickInbox> m_inbox;
    std::vector<TickInbox::Tick> m_drained; // the inbox's other buffer, see TickInbox::take()
    std::vector<std::unique_ptr<StockSymbol>> m_symbols;
    quint64 m_nextStreamId = 1;
    od::OnlineSettings m_detector;
    Reconnect m_reconnect = Reconnect::Never;
    double m_newestMs = 0;
    GuiPost<StockFeed> m_toGui { this }; // streams' ends, from gRPC's threads
};
