#include "chart/timedisplay.h"

#include "core/csv/time_format.h"

#include <QDateTime>
#include <QTimeZone>

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
