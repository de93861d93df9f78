#pragma once
// Live prices (greeter.Greeter/GetStockPrice, server streaming): several symbols at once, each a
// line on a chart whose time axis scrolls, with last price, change and ticks per second, and
// unusual ticks flagged as they arrive by an online detector (alarm, the app's default, or a
// rolling z-score or median/MAD) whose method and knobs the user sets.
//
// The pane holds the controls, the table of figures and the frame timer; StockFeed runs the
// streams and StockChart draws. Ticks arrive on gRPC threads and only land in the feed's inbox;
// the frame timer picks them up at most ~30 times a second and replaces each line's points once
// per frame, so the cost of a frame follows the plot's width, never the tick rate.

#include "desktop/connection/unreachablewatch.h"
#include "desktop/panes/stock/stockfeed.h"

#include <QString>
#include <QWidget>

#include <functional>

class ChannelProvider;
class LiveSeries;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QTimer;
class StockChart;
class StockDetectorBar;
class StockTable;
struct StockSymbol;
namespace od {
struct OnlineSettings;
}

class StockPane : public QWidget
{
    Q_OBJECT
public:
    // Ticks kept per symbol; older ones fall off the left of the chart and out of memory.
    static constexpr std::size_t kTicksKept = 10'000;
    // The frame timer's period: at most this many milliseconds between repaints.
    static constexpr int kFrameMs = 33;

    // endpoint() is asked at each Start, so a changed endpoint applies to the next stream.
    StockPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent = nullptr);
    ~StockPane() override;

    // Starts streaming symbol (trimmed); a symbol already streaming is left as it is. A symbol
    // that was stopped or ended continues its line.
    void start(const QString& symbol);
    // Cancels symbol's stream; its line and figures stay.
    void stop(const QString& symbol);
    void stopAll();

    // How ticks are judged: method (alarm, rolling z-score or rolling median/MAD) and its
    // knobs, shown in the controls and remembered. The ticks each line keeps are judged again
    // under the new settings (markers and the Unusual count follow); new ticks go on from there.
    void setDetector(const od::OnlineSettings& settings);
    // The same with the current method's rolling knobs: unusual beyond k (standard deviations or scaled MADs)
    // from the `window` ticks before.
    void setDetector(int window, double k);
    od::OnlineSettings detector() const;
    // After errors (on) or never; see setReconnectPolicy().
    void setReconnect(bool on);
    // Never, after errors, or also after the server ended a stream; shown and remembered. A
    // symbol waiting to reconnect shows the attempt and when it is due; Stop cancels it.
    void setReconnectPolicy(StockFeed::Reconnect policy);
    StockFeed::Reconnect reconnectPolicy() const;

    // For tests and benchmarks.
    QStringList symbols() const;
    bool isStreaming(const QString& symbol) const;
    QString stateText(const QString& symbol) const; // "live", "ended", "stopped", "error: ..."
    QString statusText() const; // the pane's last message
    qint64 ticksReceived(const QString& symbol) const;
    qint64 ticksReceived() const; // over all symbols
    QLineSeries* lineSeries(const QString& symbol) const;
    QScatterSeries* markerSeries(const QString& symbol) const;
    // The kept ticks and their verdicts; null for a symbol never started.
    const LiveSeries* liveSeries(const QString& symbol) const;
    QChartView* chartView() const;

public slots:
    // From ChannelStateIndicator::stateChanged: a message saying a stream failed because its
    // endpoint could not be reached is replaced once the channel to that endpoint is ready.
    void channelStateChanged(const QString& endpoint, const QString& state);

signals:
    // A symbol's stream ended: code 0 when the server closed it, CANCELLED after stop().
    void streamFinished(const QString& symbol, int code);
    // A frame drew new ticks.
    void framePainted();

private:
    void onSymbolAdded(StockSymbol* symbol);
    void onFrame();
    void showMessage(const QString& text, bool isError = false);
    void updateButtons();

    void applyDetector(const od::OnlineSettings& settings);

    StockFeed* m_feed;
    qint64 m_lastRateMs = 0;
    qint64 m_lastFiguresMs = 0;

    QLineEdit* m_symbolEdit;
    QPushButton* m_startButton;
    QPushButton* m_stopButton;
    QPushButton* m_stopAllButton;
    StockDetectorBar* m_detectorBar;
    QComboBox* m_reconnectCombo;
    QComboBox* m_spanCombo;
    StockChart* m_chart;
    StockTable* m_table;
    QLabel* m_messageLabel;
    UnreachableWatch m_unreachable; // the message shown is a stream that could not reach its endpoint
    QTimer* m_frameTimer;
};
