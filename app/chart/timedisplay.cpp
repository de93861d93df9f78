#include "chart/timedisplay.h"

#include "core/csv/time_format.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace {

constexpr qint64 kNanosPerMs = 1'000'000;

// The part of nanos below the second, as ISO 8601 writes it: ".25", never trailing zeros.
QString fraction(qint64 nanos)
{
    qint64 frac = nanos % 1'000'000'000;
    if (frac < 0)
        frac += 1'000'000'000;
    if (frac == 0)
        return {};
    QString digits = QStringLiteral("%1").arg(frac, 9, 10, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    return QLatin1Char('.') + digits;
}

} // namespace

QString formatTime(qint64 nanos, TimeDisplay display)
{
    if (display == TimeDisplay::Utc)
        return QString::fromStdString(od::formatIsoUtc(nanos));
    // Whole seconds, rounded down, so that the fraction below adds to them.
    qint64 ms = nanos / kNanosPerMs;
    if (nanos % kNanosPerMs < 0)
        --ms;
    ms -= ((ms % 1000) + 1000) % 1000;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime);
    const int offset = local.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + fraction(nanos)
        + QStringLiteral("%1%2:%3")
              .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
              .arg(minutes / 60, 2, 10, QLatin1Char('0'))
              .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

int displayOffsetSeconds(qint64 utcMs, TimeDisplay display)
{
    if (display == TimeDisplay::Utc)
        return 0;
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toLocalTime().offsetFromUtc();
}

LocalOffsetSpan localOffsetSpan(qint64 utcMs)
{
    constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;
    const qint64 quarter = utcMs >= 0 ? utcMs / kQuarterHourMs : (utcMs - kQuarterHourMs + 1) / kQuarterHourMs;
    LocalOffsetSpan span { quarter * kQuarterHourMs, (quarter + 1) * kQuarterHourMs,
        displayOffsetSeconds(utcMs, TimeDisplay::Local) };

    const QTimeZone zone = QTimeZone::systemTimeZone();
    if (!zone.isValid())
        return span;
    constexpr qint64 kNever = std::numeric_limits<qint64>::max() / 2;
    qint64 from = -kNever, until = kNever;
    if (zone.hasTransitions()) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
        // The last change at or before utcMs, and the first after it.
        const QTimeZone::OffsetData before = zone.previousTransition(at.addMSecs(1));
        const QTimeZone::OffsetData after = zone.nextTransition(at);
        if (before.atUtc.isValid())
            from = before.atUtc.toMSecsSinceEpoch();
        if (after.atUtc.isValid())
            until = after.atUtc.toMSecsSinceEpoch();
        if (from > utcMs || until <= utcMs)
            return span;
    } else if (zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC)) != span.offsetSeconds) {
        return span; // the zone's rules and the local time disagree: trust only the quarter hour
    }
    // The zone's data and the local time are read by different code (QTimeZone's and the C
    // library's): take the stretch only where both give the same offset at each of its ends. A
    // stretch with no end is checked ten years out.
    constexpr qint64 kTenYearsMs = 10LL * 366 * 24 * 3600 * 1000;
    const qint64 first = std::max(from, utcMs - kTenYearsMs), last = std::min(until, utcMs + kTenYearsMs) - 1;
    if (displayOffsetSeconds(first, TimeDisplay::Local) != span.offsetSeconds
        || displayOffsetSeconds(last, TimeDisplay::Local) != span.offsetSeconds)
        return span;
    span.from = from == -kNever ? first : from;
    span.until = until == kNever ? last + 1 : until;
    return span;
}

QString timeZoneName(TimeDisplay display)
{
    if (display == TimeDisplay::Utc)
        return QStringLiteral("UTC");
    const QByteArray id = QTimeZone::systemTimeZoneId();
    if (!id.isEmpty())
        return QString::fromUtf8(id);
    return QDateTime::currentDateTime().timeZoneAbbreviation();
}

QString timeDisplayToString(TimeDisplay display)
{
    return display == TimeDisplay::Local ? QStringLiteral("local") : QStringLiteral("utc");
}

TimeDisplay timeDisplayFromString(const QString& text)
{
    return text == QLatin1String("local") ? TimeDisplay::Local : TimeDisplay::Utc;
}
