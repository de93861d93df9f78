#include "chart/timeticklabels.h"

#include <QDateTime>
#include <QTimeZone>

#include <set>

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 24 * 60 * kMinute;

QDateTime clockAt(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs, QTimeZone::utc());
}

// The rules above cannot repeat a label; should a clock oddity make them (a leap second, a step
// not dividing a day), every label says everything rather than two ticks saying the same.
QStringList distinctOr(QStringList labels, const std::vector<qint64>& ticks, const auto& full)
{
    if (std::set<QString>(labels.begin(), labels.end()).size() == std::size_t(labels.size()))
        return labels;
    labels.clear();
    for (const qint64 t : ticks)
        labels << full(t);
    return labels;
}

} // namespace

std::vector<qint64> ticksWithin(qint64 lo, qint64 hi, qint64 step)
{
    std::vector<qint64> ticks;
    if (step <= 0 || hi < lo)
        return ticks;
    // The first multiple of step at or after lo, for either sign of lo.
    qint64 t = lo >= 0 ? (lo + step - 1) / step * step : lo / step * step;
    for (; t <= hi; t += step)
        ticks.push_back(t);
    return ticks;
}

QStringList clockTickLabels(const std::vector<qint64>& wallMs, qint64 stepMs)
{
    QStringList labels;
    if (wallMs.empty())
        return labels;
    const qint64 span = wallMs.back() - wallMs.front();
    const QString clock = stepMs < 1000 ? QStringLiteral("HH:mm:ss.zzz")
        : stepMs < kMinute              ? QStringLiteral("HH:mm:ss")
                                        : QStringLiteral("HH:mm");
    for (std::size_t k = 0; k < wallMs.size(); ++k) {
        const QDate date = clockAt(wallMs[k]).date();
        const QDate before = k == 0 ? QDate() : clockAt(wallMs[k - 1]).date();
        QString format;
        if (stepMs >= kDay)
            format = k == 0 || before.year() != date.year() ? QStringLiteral("MMM d yyyy") : QStringLiteral("MMM d");
        else if (span < kDay) // no clock time repeats within a day
            format = date != before ? QStringLiteral("MMM d ") + clock : clock;
        else
            format = QStringLiteral("MMM d ") + clock;
        labels << clockAt(wallMs[k]).toString(format);
    }
    return distinctOr(
        labels, wallMs, [](qint64 t) { return clockAt(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")); });
}

QStringList elapsedTickLabels(const std::vector<qint64>& ms, qint64 stepMs)
{
    const auto text = [](qint64 t, qint64 step) {
        const QString sign = t < 0 ? QStringLiteral("-") : QStringLiteral("+");
        t = std::abs(t);
        const qint64 days = t / kDay;
        if (step >= kDay && t % kDay == 0)
            return QStringLiteral("%1%2 d").arg(sign).arg(days);
        const QTime clock = QTime::fromMSecsSinceStartOfDay(int(t % kDay));
        const QString format = step < 1000 ? QStringLiteral("HH:mm:ss.zzz")
            : step < kMinute               ? QStringLiteral("HH:mm:ss")
                                           : QStringLiteral("HH:mm");
        return QStringLiteral("%1%2 d %3").arg(sign).arg(days).arg(clock.toString(format));
    };
    QStringList labels;
    for (const qint64 t : ms)
        labels << text(t, stepMs);
    return distinctOr(labels, ms, [&](qint64 t) { return text(t, 1); });
}
