#pragma once
// Live prices (greeter.Greeter/GetStockPrice, server streaming): several symbols at once, each a
// line on a chart whose time axis scrolls, with last price, change and ticks per second, and
// unusual ticks flagged by the online rolling z-score as they arrive.
//
// The pane holds the controls, the table of figures and the frame timer; StockFeed runs the
// streams and StockChart draws. Ticks arrive on gRPC threads and only land in the feed's inbox;
// the frame timer picks them up at most ~30 times a second and replaces each line's points once
// per frame, so the cost of a frame follows the plot's width, never the tick rate.

#include <QString>
#include <QWidget>

#include <functional>

class ChannelProvider;
class QCheckBox;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTableWidget;
class QTimer;
class StockChart;
class StockFeed;
struct StockSymbol;

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

    // The detector's parameters: a tick is unusual when it is more than k population standard
    // deviations from the mean of the `window` ticks before it (method rolling).
    void setDetector(int window, double k);
    void setReconnect(bool on);

    // For tests and benchmarks.
    QStringList symbols() const;
    bool isStreaming(const QString& symbol) const;
    QString stateText(const QString& symbol) const; // "live", "ended", "stopped", "error: ..."
    QString statusText() const; // the pane's last message
    qint64 ticksReceived(const QString& symbol) const;
    qint64 ticksReceived() const; // over all symbols
    QLineSeries* lineSeries(const QString& symbol) const;
    QScatterSeries* markerSeries(const QString& symbol) const;
    QChartView* chartView() const;

signals:
    // A symbol's stream ended: code 0 when the server closed it, CANCELLED after stop().
    void streamFinished(const QString& symbol, int code);
    // A frame drew new ticks.
    void framePainted();

private:
    void onSymbolAdded(StockSymbol* symbol);
    void onFrame();
    void updateRow(StockSymbol& symbol, bool withRate);
    void showMessage(const QString& text, bool isError = false);
    void updateButtons();

    StockFeed* m_feed;
    int m_window = 30;
    double m_k = 4.0;
    qint64 m_lastRateMs = 0;
    qint64 m_lastFiguresMs = 0;

    QLineEdit* m_symbolEdit;
    QPushButton* m_startButton;
    QPushButton* m_stopButton;
    QPushButton* m_stopAllButton;
    QDoubleSpinBox* m_kSpin;
    QSpinBox* m_windowSpin;
    QCheckBox* m_reconnectBox;
    QComboBox* m_spanCombo;
    StockChart* m_chart;
    QTableWidget* m_table;
    QLabel* m_messageLabel;
    QTimer* m_frameTimer;
};
