#pragma once
// One symbol of the live prices pane: its bounded tick buffer, its current stream, where that
// stream stands, the figures shown in its table row, and its two chart items.

#include "desktop/panes/stock/liveseries.h"

#include <QString>

#include <cstddef>
#include <limits>
#include <memory>

class QLineSeries;
class QScatterSeries;
class QTimer;
namespace od::rpc {
class StockStream;
}

struct StockSymbol
{
    // Live: ticks may arrive. Stopping: cancelled, the end not yet reported. Reconnecting: a
    // retry is pending. The others are at rest: Start begins a new stream on the same line.
    enum class Phase { Live, Stopping, Stopped, Ended, Failed, Reconnecting };

    StockSymbol(QString name_, std::size_t capacity, const od::OnlineSettings& detector)
        : name(std::move(name_))
        , series(capacity, detector)
    { }

    // Live, Stopping or Reconnecting: something may still happen without the user.
    bool running() const { return phase == Phase::Live || phase == Phase::Stopping || phase == Phase::Reconnecting; }

    QString name;
    QString endpoint; // where the last stream was started
    LiveSeries series;
    std::shared_ptr<od::rpc::StockStream> stream;
    quint64 streamId = 0;
    Phase phase = Phase::Stopped;
    QString state; // as the table shows it: "live", "ended", "error: ..."
    int backoffMs = 0; // the last wait before a retry; 0 after a tick
    int attempts = 0; // retries since the last tick or Start
    double retryAtMs = 0; // when the pending retry starts (liveClockMs())
    QTimer* retryTimer = nullptr; // owned by the feed
    qint64 ticksThisStream = 0;

    // The display's share, kept by the pane and the chart.
    QLineSeries* line = nullptr;
    QScatterSeries* markers = nullptr;
    int row = 0;
    bool dirty = false; // new ticks or settings: redraw the line on the next frame
    bool rowDirty = false; // new ticks: update the figures in the table when they are due
    qint64 ticksAtLastRate = 0;
    double rate = 0;
    double visibleMin = std::numeric_limits<double>::quiet_NaN();
    double visibleMax = std::numeric_limits<double>::quiet_NaN();
};
