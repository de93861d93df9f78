#include "metricchartview.h"

#include "core/decimate.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileInfo>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Distinct from each other and from the red of the outlier markers.
const QColor kLineColours[]
    = { QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd), QColor(0x17, 0xbe, 0xcf),
          QColor(0x8c, 0x56, 0x4b), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x39, 0x3b, 0x79) };
const QColor kOutlierColour(0xe0, 0x10, 0x10);

// QDateTimeAxis labels in local time; shifting by the local offset makes them read as UTC,
// like the table and the command line.
qreal chartX(std::int64_t nanos)
{
    const qint64 ms = nanos / 1'000'000;
    const int offset = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().offsetFromUtc();
    return static_cast<qreal>(ms - qint64(offset) * 1000);
}

struct AxisTicks
{
    double lo;
    double hi;
    double step;
    int count;
};

// A range that starts and ends on a tick, with ticks at 1, 2 or 5 times a power of ten, so
// that a glance at the axis gives a value.
AxisTicks niceValueTicks(double lo, double hi, int maxTicks)
{
    const double raw = (hi - lo) / std::max(1, maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (const double m : { 1.0, 2.0, 5.0 }) {
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    }
    const double niceLo = std::floor(lo / step) * step;
    const double niceHi = std::ceil(hi / step) * step;
    return { niceLo, niceHi, step, static_cast<int>(std::lround((niceHi - niceLo) / step)) + 1 };
}

// The same for time in UTC milliseconds: ticks on whole minutes, hours or days.
AxisTicks niceTimeTicks(qint64 lo, qint64 hi, int maxTicks)
{
    constexpr qint64 s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
    static const qint64 steps[] = { s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s, m, 2 * m, 5 * m, 10 * m, 15 * m, 30 * m, h,
        2 * h, 3 * h, 6 * h, 12 * h, d, 2 * d, 7 * d, 14 * d, 28 * d, 91 * d, 182 * d, 364 * d };
    const qint64 span = std::max<qint64>(hi - lo, 1);
    qint64 step = steps[std::size(steps) - 1];
    for (const qint64 candidate : steps) {
        if (span / candidate <= maxTicks - 1) {
            step = candidate;
            break;
        }
    }
    const auto floorTo = [](qint64 v, qint64 q) { return (v >= 0 ? v : v - q + 1) / q * q; };
    const qint64 niceLo = floorTo(lo, step);
    const qint64 niceHi = floorTo(hi + step - 1, step);
    return { double(niceLo), double(niceHi), double(step), int((niceHi - niceLo) / step) + 1 };
}

} // namespace

MetricChartView::MetricChartView(QWidget* parent)
    // Handing the chart to the base constructor: setChart() would release the view's default
    // chart without deleting it.
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart))
{
    setObjectName(QStringLiteral("chartView"));
    setRenderHint(QPainter::Antialiasing);
    m_chart->setMargins(QMargins(4, 4, 12, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_timeAxis->setFormat(QStringLiteral("MMM d HH:mm"));
    m_timeAxis->setTitleText(tr("Time (UTC)"));
    m_timeAxis->setTickCount(9);
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_timeAxis->hide();
    m_valueAxis->hide();
    m_chart->setTitle(tr("Open a CSV file with File > Open (Ctrl+O)"));

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(30);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MetricChartView::refreshPoints);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        if (plotWidth() != m_decimatedWidth)
            m_refreshTimer.start();
    });
}

MetricChartView::~MetricChartView() = default;

void MetricChartView::setDataset(const DatasetPtr& dataset)
{
    m_dataset = dataset;
    m_detections.clear();
    m_chart->removeAllSeries();
    m_lines.clear();
    m_outliers.clear();
    if (!m_dataset || m_dataset->series.empty()) {
        m_timeAxis->hide();
        m_valueAxis->hide();
        return;
    }

    QStringList names;
    for (const QString& f : m_dataset->files)
        names << QFileInfo(f).fileName();
    m_chart->setTitle(names.join(QStringLiteral(", ")));

    std::int64_t minT = std::numeric_limits<std::int64_t>::max();
    std::int64_t maxT = std::numeric_limits<std::int64_t>::lowest();
    double minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    for (std::size_t i = 0; i < m_dataset->series.size(); ++i) {
        const od::Series& s = m_dataset->series[i];
        if (!s.times.empty()) {
            const auto [lo, hi] = std::minmax_element(s.times.begin(), s.times.end());
            minT = std::min(minT, *lo);
            maxT = std::max(maxT, *hi);
        }
        for (const double v : s.values) {
            if (std::isnan(v))
                continue;
            minY = std::min(minY, v);
            maxY = std::max(maxY, v);
        }
        auto* line = new QLineSeries(m_chart);
        line->setName(QString::fromStdString(s.name));
        QPen pen(kLineColours[i % std::size(kLineColours)]);
        pen.setWidthF(1.2);
        line->setPen(pen);
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        m_lines.push_back(line);
    }
    // Markers are added after every line so that they are drawn above all of them.
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        auto* markers = new QScatterSeries(m_chart);
        markers->setName(m_lines[i]->name() + tr(" outliers"));
        markers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        markers->setMarkerSize(9);
        markers->setColor(kOutlierColour);
        markers->setBorderColor(kOutlierColour.darker(160));
        m_chart->addSeries(markers);
        markers->attachAxis(m_timeAxis);
        markers->attachAxis(m_valueAxis);
        m_outliers.push_back(markers);
        // One legend entry says what red means; one per series would crowd the legend.
        const auto legendMarkers = m_chart->legend()->markers(markers);
        for (QLegendMarker* m : legendMarkers) {
            m->setVisible(i == 0);
            m->setLabel(tr("outliers"));
        }
    }

    if (minT > maxT)
        minT = maxT = 0;
    if (minY > maxY)
        minY = 0, maxY = 1;
    m_timeRange = { minT / 1'000'000, std::max(maxT / 1'000'000, minT / 1'000'000 + 1000) };
    m_valueRange = { minY, maxY };
    m_timeAxis->show();
    m_valueAxis->show();
    m_decimatedWidth = -1;
    refreshPoints();
}

void MetricChartView::setDetections(const std::vector<od::Detection>& detections)
{
    m_detections = detections;
    m_decimatedWidth = -1;
    refreshPoints();
}

void MetricChartView::mousePressEvent(QMouseEvent* event)
{
    // Qt 6.4's QChartView::mousePressEvent dereferences itemAt() without checking it, which is
    // null where no item is under the cursor; let QGraphicsView handle such presses.
    if (!itemAt(event->position().toPoint())) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    QChartView::mousePressEvent(event);
}

int MetricChartView::plotWidth() const
{
    const int width = static_cast<int>(m_chart->plotArea().width());
    // Before the first layout the plot area is empty; the view's width is a fair stand-in.
    return width > 10 ? width : std::max(100, viewport()->width());
}

void MetricChartView::refreshPoints()
{
    m_refreshTimer.stop();
    if (!m_dataset)
        return;
    const int width = plotWidth();
    m_decimatedWidth = width;
    updateAxes();
    // decimateMinMax keeps up to four points (first, min, max, last) per slice; two pixel
    // columns per slice keeps that at about two points per column.
    const auto slices = static_cast<std::size_t>(std::max(1, width * kPointsPerColumn / 4));
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        const od::Series& s = m_dataset->series[i];
        static const std::vector<std::size_t> kNone;
        const std::vector<std::size_t>& keep = i < m_detections.size() ? m_detections[i].indices : kNone;
        const auto indices = od::decimateMinMax(s.values, 0, s.size(), slices, keep);
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(indices.size()));
        for (const std::size_t k : indices)
            points.append(QPointF(chartX(s.times[k]), s.values[k]));
        m_lines[i]->replace(points);

        QList<QPointF> marks;
        marks.reserve(static_cast<qsizetype>(keep.size()));
        for (const std::size_t k : keep) {
            if (k < s.size() && !std::isnan(s.values[k]))
                marks.append(QPointF(chartX(s.times[k]), s.values[k]));
        }
        m_outliers[i]->replace(marks);
    }
}

void MetricChartView::updateAxes()
{
    // Labels such as "Mar 2 06:00" need about 110 pixels each; values about 32 pixels a row.
    const int maxTimeTicks = std::clamp(plotWidth() / 110, 2, 13);
    const int plotHeight = static_cast<int>(m_chart->plotArea().height());
    const int maxValueTicks = std::clamp((plotHeight > 10 ? plotHeight : 300) / 32, 3, 11);

    const AxisTicks t = niceTimeTicks(m_timeRange.first, m_timeRange.second, maxTimeTicks);
    constexpr qint64 day = 24LL * 3600 * 1000;
    QString format = QStringLiteral("MMM d HH:mm");
    if (t.step >= double(day))
        format = QStringLiteral("MMM d");
    else if (t.hi - t.lo <= double(day))
        format = t.step < 60'000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    m_timeAxis->setFormat(format);
    m_timeAxis->setTickCount(t.count);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(chartX(qint64(t.lo) * 1'000'000))),
        QDateTime::fromMSecsSinceEpoch(qint64(chartX(qint64(t.hi) * 1'000'000))));

    double lo = m_valueRange.first, hi = m_valueRange.second;
    if (lo == hi)
        lo -= 1, hi += 1;
    // A little headroom so that a marker on the extreme value is drawn whole.
    const double pad = (hi - lo) * 0.02;
    const AxisTicks v = niceValueTicks(lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad, maxValueTicks);
    m_valueAxis->setTickCount(v.count);
    m_valueAxis->setRange(v.lo, v.hi);
}
