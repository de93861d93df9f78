// The time axis' x of an instant in UTC display: the instant shifted by the local offset, which
// the mapping asks the zone for once per stretch of constant offset instead of once per point.
// The stretch must never carry an offset past a change of it: every row's zone is checked
// instant by instant against the local time itself, across daylight-saving changes, near them
// to the millisecond, and in zones with half-hour and 45-minute offsets.
#include "chart/timeaxismapping.h"
#include "chart/timedisplay.h"

#include <QDateTime>
#include <QtTest>

#include <ctime>
#include <random>

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

// What the axis must place the instant at, straight from the local time.
qreal expectedX(qint64 ms)
{
    return qreal(ms - qint64(displayOffsetSeconds(ms, TimeDisplay::Local)) * 1000);
}

} // namespace

class TestTimeAxisMapping : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QFETCH(QByteArray, zone);
        qputenv("TZ", zone);
        tzset();
    }
    void cleanupTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    void everyInstantIsShiftedByItsOwnOffset_data() { zones(); }
    void everyInstantIsShiftedByItsOwnOffset()
    {
        QFETCH(QByteArray, change); // an instant at which the zone changes offset, or empty
        TimeAxisMapping mapping; // UTC display: x = instant - local offset
        std::vector<qint64> instants;
        // A chart's redraw: points in time order, ten minutes apart over three years.
        const qint64 start = utcMs("2024-01-01T00:00:00Z");
        for (qint64 t = start; t < start + 3 * 366 * kDayMs; t += 600'000)
            instants.push_back(t);
        // Around the change, to the millisecond, both ways.
        if (!change.isEmpty()) {
            const qint64 at = utcMs(change.constData());
            for (qint64 d = -3; d <= 3; ++d)
                instants.push_back(at + d);
            for (qint64 d = 3; d >= -3; --d)
                instants.push_back(at + d);
        }
        // And jumps back and forth, as a pan or an unsorted series asks.
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<qint64> anywhere(utcMs("1990-01-01T00:00:00Z"), utcMs("2040-01-01T00:00:00Z"));
        for (int i = 0; i < 2000; ++i)
            instants.push_back(anywhere(rng));

        for (const qint64 ms : instants) {
            const qreal x = mapping.chartX(ms * 1'000'000);
            if (x != expectedX(ms))
                QFAIL(qPrintable(QStringLiteral("%1: x %2, the local time says %3")
                                     .arg(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs))
                                     .arg(x, 0, 'f', 0)
                                     .arg(expectedX(ms), 0, 'f', 0)));
        }
    }

    void oneAnswerHoldsUntilTheZoneChanges_data() { zones(); }
    void oneAnswerHoldsUntilTheZoneChanges()
    {
        QFETCH(QByteArray, change);
        const qint64 at = change.isEmpty() ? utcMs("2026-06-01T00:00:00Z") : utcMs(change.constData());
        const LocalOffsetSpan before = localOffsetSpan(at - 1);
        const LocalOffsetSpan after = localOffsetSpan(at);
        QCOMPARE(before.offsetSeconds, displayOffsetSeconds(at - 1, TimeDisplay::Local));
        QCOMPARE(after.offsetSeconds, displayOffsetSeconds(at, TimeDisplay::Local));
        QVERIFY(before.from <= at - 1 && at - 1 < before.until);
        QVERIFY(after.from <= at && at < after.until);
        if (change.isEmpty()) {
            // No change of offset: one answer for years of data.
            QVERIFY2(
                after.until - after.from > 5 * 366 * kDayMs, qPrintable(QString::number(after.until - after.from)));
        } else {
            // The stretches meet at the change itself, and each lasts months, not a quarter hour.
            QCOMPARE(before.until, at);
            QCOMPARE(after.from, at);
            QVERIFY(after.until - after.from > 100 * kDayMs);
            QVERIFY(before.until - before.from > 100 * kDayMs);
        }
    }

private:
    static void zones()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QByteArray>("change");
        QTest::newRow("UTC") << QByteArray("UTC") << QByteArray();
        QTest::newRow("Asia/Kolkata, +05:30") << QByteArray("Asia/Kolkata") << QByteArray();
        QTest::newRow("Asia/Kathmandu, +05:45") << QByteArray("Asia/Kathmandu") << QByteArray();
        QTest::newRow("Europe/Berlin, spring") << QByteArray("Europe/Berlin") << QByteArray("2025-03-30T01:00:00Z");
        QTest::newRow("Europe/Berlin, autumn") << QByteArray("Europe/Berlin") << QByteArray("2025-10-26T01:00:00Z");
        QTest::newRow("America/New_York") << QByteArray("America/New_York") << QByteArray("2025-11-02T06:00:00Z");
        QTest::newRow("Australia/Lord_Howe, half-hour DST")
            << QByteArray("Australia/Lord_Howe") << QByteArray("2025-10-04T15:30:00Z");
        QTest::newRow("POSIX rule string")
            << QByteArray("EST5EDT,M3.2.0,M11.1.0") << QByteArray("2025-03-09T07:00:00Z");
    }
};

QTEST_GUILESS_MAIN(TestTimeAxisMapping)
#include "tst_timeaxismapping.moc"
