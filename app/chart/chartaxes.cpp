#include "chart/chartaxes.h"

#include "chart/axisticks.h"
#include "chart/timeticklabels.h"

#include <QCategoryAxis>
#include <QChart>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

// How many whole multiples of step lie in [lo, hi].
int ticksInside(double lo, double hi, double step)
{
    return int(std::floor(hi / step) - std::ceil(lo / step)) + 1;
}

// The round step below step: 5 -> 2 -> 1 -> 0.5 times a power of ten.
double smallerRoundStep(double step)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double mantissa = step / magnitude;
    return mantissa > 3 ? 2 * magnitude : mantissa > 1.5 ? magnitude : magnitude / 2;
}

} // namespace

ChartAxes::ChartAxes(QChart* chart)
    : m_time(new QCategoryAxis(chart))
    , m_values(new QValueAxis(chart))
{
    // Each label sits under its tick, not in the middle of a category.
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_values->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    setVisible(false);
}

void ChartAxes::setVisible(bool visible)
{
    m_time->setVisible(visible);
    m_values->setVisible(visible);
}

void ChartAxes::setTimeTitle(const QString& title)
{
    m_time->setTitleText(title);
}

void ChartAxes::setValueTitle(const QString& title)
{
    m_values->setTitleText(title);
    m_values->setTitleVisible(!title.isEmpty());
}

void ChartAxes::setTimeRange(
    qint64 clockLo, qint64 clockHi, bool elapsed, const std::function<qreal(qint64)>& xOf, int plotWidth)
{
    // Labels such as "Mar 2 06:00" need about 110 pixels each, "+3 d 06:00" about 80.
    const int maxTicks = std::clamp(plotWidth / (elapsed ? 80 : 110), 2, 13);
    const AxisTicks nice = niceTimeTicks(clockLo, clockHi, maxTicks);
    // A tick on the left edge has its label half over the value axis, where Qt Charts hides it:
    // the date would be lost with it, so the first label is the first one that can be shown.
    const std::vector<qint64> ticks = ticksWithin(clockLo + qint64(nice.step) / 4, clockHi, qint64(nice.step));
    const QStringList labels
        = elapsed ? elapsedTickLabels(ticks, qint64(nice.step)) : clockTickLabels(ticks, qint64(nice.step));
    const qreal xLo = xOf(clockLo), xHi = std::max(xOf(clockHi), xLo + 1);
    for (const QString& label : m_time->categoriesLabels())
        m_time->remove(label);
    // Categories run from the axis' start to each tick; the label is drawn at the tick.
    m_time->setStartValue(xLo);
    qreal last = xLo;
    for (std::size_t k = 0; k < ticks.size(); ++k) {
        const qreal x = xOf(ticks[k]);
        if (x <= last && k > 0)
            continue; // a clock that steps back (summer time ends) would unsort the categories
        m_time->append(labels[qsizetype(k)], x);
        last = x;
    }
    m_time->setRange(xLo, xHi);
}

void ChartAxes::setValueRange(double lo, double hi, int plotHeight)
{
    // Values need about 32 pixels a row.
    const int maxTicks = std::clamp((plotHeight > 10 ? plotHeight : 300) / 32, 3, 11);
    if (lo == hi)
        lo -= 1, hi += 1;
    // Room for the ring around a picked point (about 10 pixels) above and below the extremes,
    // however short the plot (a chart in a stack).
    const double pad = (hi - lo) * std::max(0.02, 10.0 / (plotHeight > 10 ? plotHeight : 300));
    const double from = lo >= 0 && lo - pad < 0 ? 0 : lo - pad, to = hi + pad;
    // The range hugs the values (series normalised to 0-100% fill the height); the ticks fall
    // on round values inside it.
    // niceValueTicks rounds outwards; inside a range that hugs the values the same step may leave
    // one tick or none (a short chart in a stack): take smaller round steps until two fit.
    double step = niceValueTicks(from, to, maxTicks).step;
    for (int i = 0; i < 12 && ticksInside(from, to, step) < 2; ++i)
        step = smallerRoundStep(step);
    m_values->setTickType(QValueAxis::TicksDynamic);
    m_values->setTickAnchor(0);
    m_values->setTickInterval(step);
    m_values->setRange(from, to);
}
