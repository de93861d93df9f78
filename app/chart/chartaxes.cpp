#include "chart/chartaxes.h"

#include "chart/axisticks.h"
#include "chart/timeticklabels.h"

#include <QCategoryAxis>
#include <QChart>
#include <QValueAxis>

#include <algorithm>

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
    // Labels such as "Mar 2 06:00" need about 110 pixels each.
    const int maxTicks = std::clamp(plotWidth / 110, 2, 13);
    const AxisTicks nice = niceTimeTicks(clockLo, clockHi, maxTicks);
    const std::vector<qint64> ticks = ticksWithin(clockLo, clockHi, qint64(nice.step));
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
    const double pad = (hi - lo) * 0.02;
    const double from = lo >= 0 && lo - pad < 0 ? 0 : lo - pad, to = hi + pad;
    // The range hugs the values (series normalised to 0-100% fill the height); the ticks fall
    // on round values inside it.
    const AxisTicks v = niceValueTicks(from, to, maxTicks);
    m_values->setTickType(QValueAxis::TicksDynamic);
    m_values->setTickAnchor(0);
    m_values->setTickInterval(v.step);
    m_values->setRange(from, to);
}
