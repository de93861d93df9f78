#pragma once
// How the data is looked at, held once: which series are shown, whose band is drawn and what it
// is called, the point picked in a table, the visible time range, the value scale, the time
// alignment and a selected span. Every chart of a stack, the series list and the window read
// and change this one object, so that no copy can fall behind: a followed file that grows keeps
// what was hidden hidden, a chart made later shows what the others show.

#include "chart/valuescale.h"

#include <QObject>
#include <QString>

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

// Time as it is, or each file's series shifted so that every file starts at +0 (to compare runs,
// days or hosts recorded at different times).
enum class TimeAlignment { Absolute, FileStart };
inline constexpr const char* kTimeAlignmentKey = "view/timeAlignment";
QString timeAlignmentToString(TimeAlignment alignment);
TimeAlignment timeAlignmentFromString(const QString& text);

// A point of a dataset series: (series, index into it).
using PointRef = std::pair<std::size_t, std::size_t>;

class ChartViewState : public QObject
{
    Q_OBJECT
public:
    explicit ChartViewState(QObject* parent = nullptr);

    // A new dataset (not a grown one): every series shown, no band, point, span or zoom. The
    // scale and the alignment are the user's and stay.
    void resetForNewData();

    // Series past the ones ever set (new series of a grown file) are shown.
    bool isShown(std::size_t series) const { return series >= m_shown.size() || m_shown[series]; }
    void setShown(std::size_t series, bool shown);

    // The series whose band is drawn when asked for; none: the only series drawn, if one is.
    std::optional<std::size_t> bandSeries() const { return m_bandSeries; }
    void setBandSeries(std::optional<std::size_t> series);
    // What made the band, for the legend ("rolling k=4 window=30"); empty: just "band".
    QString bandText() const { return m_bandText; }
    void setBandText(const QString& text);
    // The point picked in a table, ringed on the chart.
    std::optional<PointRef> highlight() const { return m_highlight; }
    void setHighlight(std::optional<PointRef> point);

    // The visible time range (UTC milliseconds, or since each file's start when aligned), and
    // whether it is narrower than the data; zoomed false means "everything", which grows with
    // a followed file.
    std::pair<qint64, qint64> viewRange() const { return m_viewRange; }
    bool isZoomed() const { return m_zoomed; }
    void setViewRange(std::pair<qint64, qint64> range, bool zoomed);

    ValueScale valueScale() const { return m_scale; }
    void setValueScale(ValueScale scale);
    TimeAlignment alignment() const { return m_alignment; }
    void setAlignment(TimeAlignment alignment);

    // The selected span, in the view range's terms (none: nothing selected).
    std::optional<std::pair<qint64, qint64>> span() const { return m_span; }
    void setSpan(std::optional<std::pair<qint64, qint64>> span);

signals:
    void shownChanged(std::size_t series, bool shown);
    void bandChanged(); // the band's series or text, or the highlighted point
    void valueScaleChanged(ValueScale scale);
    void alignmentChanged(TimeAlignment alignment);
    void spanChanged();

private:
    std::vector<bool> m_shown;
    std::optional<std::size_t> m_bandSeries;
    QString m_bandText;
    std::optional<PointRef> m_highlight;
    std::pair<qint64, qint64> m_viewRange { 0, 0 };
    bool m_zoomed = false;
    ValueScale m_scale = ValueScale::AsIs;
    TimeAlignment m_alignment = TimeAlignment::Absolute;
    std::optional<std::pair<qint64, qint64>> m_span;
};
