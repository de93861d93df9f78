// Times as the CSV contract allows them, and the ISO form the JSON output writes.

#include "core/csv/time_format.h"

#include <QTest>

#include <limits>
#include <optional>
#include <string>
#include <vector>

Q_DECLARE_METATYPE(std::optional<qint64>)
Q_DECLARE_METATYPE(od::TimeUnit)

class TestTimeFormat : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::optional<qint64>>("nanos");
        constexpr qint64 s = 1'000'000'000;
        const qint64 base = 1590156798LL * s; // 2020-05-22T14:13:18Z
        QTest::addRow("ISO with T and Z") << "2020-05-22T14:13:18Z" << std::optional<qint64>(base);
        QTest::addRow("ISO with space, no zone is UTC") << "2020-05-22 14:13:18" << std::optional<qint64>(base);
        QTest::addRow("fraction") << "2020-05-22T14:13:18.25Z" << std::optional<qint64>(base + s / 4);
        QTest::addRow("positive offset") << "2020-05-22T16:13:18+02:00" << std::optional<qint64>(base);
        QTest::addRow("negative offset") << "2020-05-22T09:13:18-05:00" << std::optional<qint64>(base);
        QTest::addRow("minutes only") << "2020-05-22T14:13" << std::optional<qint64>(base - 18 * s);
        QTest::addRow("date only") << "2020-05-22" << std::optional<qint64>(base - (14 * 3600 + 13 * 60 + 18) * s);
        QTest::addRow("epoch seconds") << "1590156798" << std::optional<qint64>(base);
        QTest::addRow("epoch fractional seconds") << "1590156798.5" << std::optional<qint64>(base + s / 2);
        QTest::addRow("epoch milliseconds") << "1590156798250" << std::optional<qint64>(base + s / 4);
        QTest::addRow("before 1970") << "1969-12-31T23:59:59Z" << std::optional<qint64>(-s);
        QTest::addRow("leap day") << "2024-02-29T00:00:00Z" << std::optional<qint64>(1709164800LL * s);
        QTest::addRow("Feb 30") << "2021-02-30T00:00:00Z" << std::optional<qint64>();
        QTest::addRow("Feb 29 in a common year") << "2023-02-29" << std::optional<qint64>();
        QTest::addRow("month 13") << "2021-13-01" << std::optional<qint64>();
        QTest::addRow("hour 24") << "2021-01-01T24:00:00" << std::optional<qint64>();
        QTest::addRow("trailing junk") << "2021-01-01T00:00:00Zjunk" << std::optional<qint64>();
        QTest::addRow("words") << "yesterday" << std::optional<qint64>();
        QTest::addRow("empty") << "" << std::optional<qint64>();
        QTest::addRow("fraction with space, no zone") << "2020-05-22 14:13:18.5" << std::optional<qint64>(base + s / 2);
        QTest::addRow("lower-case t and z") << "2020-05-22t14:13:18.250z" << std::optional<qint64>(base + s / 4);
        QTest::addRow("offset and fraction") << "2020-05-22T16:13:18.25+02:00" << std::optional<qint64>(base + s / 4);
        QTest::addRow("nanoseconds") << "2020-05-22T14:13:18.000000001Z" << std::optional<qint64>(base + 1);
        QTest::addRow("surrounding blanks") << " 2020-05-22T14:13:18Z\t" << std::optional<qint64>(base);
        QTest::addRow("epoch in exponent form") << "1.5e9" << std::optional<qint64>(1'500'000'000LL * s);
        QTest::addRow("year 99999") << "99999-01-01T00:00:00Z" << std::optional<qint64>();
        QTest::addRow("year 9999: past int64 nanoseconds") << "9999-12-31T23:59:59Z" << std::optional<qint64>();
        QTest::addRow("year 1000: before int64 nanoseconds") << "1000-01-01 00:00:00" << std::optional<qint64>();
        QTest::addRow("dot without digits") << "2020-05-22T14:13:18.Z" << std::optional<qint64>();
        QTest::addRow("inf") << "inf" << std::optional<qint64>();
        QTest::addRow("nan") << "nan" << std::optional<qint64>();
        QTest::addRow("20 digits") << "99999999999999999999" << std::optional<qint64>();
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(std::optional<qint64>, nanos);
        const auto got = od::parseTime(text.toStdString());
        QCOMPARE(got.has_value(), nanos.has_value());
        if (nanos)
            QCOMPARE(static_cast<qint64>(*got), *nanos);
        // The column reader answers the same, before and after its cache holds this instant.
        od::TimeReader reader;
        for (int pass = 0; pass < 2; ++pass)
            QCOMPARE(reader(text.toStdString()), got);
    }

    void columnReaderMatchesParseTime()
    {
        const std::vector<std::string> column { "2020-05-22T14:13:18Z", "2020-05-22T14:13:18.5Z", "2020-05-22T14:13:18",
            "2020-05-22T14:13:18+01:00", "2020-05-22T14:13:18junk", "2020-05-22T14:13:19Z", "2020-02-30T14:13:19Z",
            "2020-05-22T14:13:19.Z", "1590156798", "2020-05-22T14:13:19.125" };
        od::TimeReader reader;
        for (const auto& text : column)
            QCOMPARE(reader(text), od::parseTime(text));
    }

    // Times within the minute of the one before take the reader's quickest path: only the
    // second is read. Every second and leap second, bad seconds, each tail, a changed minute,
    // and the edge of what fits in nanoseconds read as parseTime reads them.
    void columnReaderReadsTheSameMinuteAsParseTime()
    {
        std::vector<std::string> column;
        for (const std::string minute : { "2020-05-22T14:13:", "2020-05-22 14:14:", "2262-04-11T23:47:" }) {
            for (int second = 0; second <= 61; ++second) {
                const std::string ss = (second < 10 ? "0" : "") + std::to_string(second);
                for (const std::string tail : { "", "Z", "z", ".5Z", ".125", ".Z", "+01:00", "Zjunk", "ZZ" })
                    column.push_back(minute + ss + tail);
            }
            for (const std::string bad : { "6a", "a6", "/0", ":0", "0:",
                     "\xb0"
                     "5" })
                column.push_back(minute + bad + "Z");
        }
        column.push_back("2020-02-29T14:13:05Z");
        column.push_back("2021-02-29T14:13:05Z"); // the same minute layout, an impossible date
        column.push_back("2020-05-22T14:13");
        od::TimeReader reader;
        for (const auto& text : column)
            QVERIFY2(reader(text) == od::parseTime(text), text.c_str());
    }

    void columnReaderReadsDigitRunsAsParseTime_data()
    {
        QTest::addColumn<od::TimeUnit>("unit");
        QTest::addRow("by magnitude") << od::TimeUnit::Auto;
        QTest::addRow("seconds") << od::TimeUnit::Seconds;
        QTest::addRow("milliseconds") << od::TimeUnit::Milliseconds;
    }

    // Bare digit runs take the reader's own fast path: every length, leading zeros and the
    // edges of what fits in nanoseconds read as parseTime reads them.
    void columnReaderReadsDigitRunsAsParseTime()
    {
        QFETCH(od::TimeUnit, unit);
        std::vector<std::string> texts { "9223372035", "9223372036", "9223372037", "9223372036853", "9223372036854",
            "9223372036855", "0000000000", "0", "007", "1590156798", "1590156798250" };
        for (std::size_t length = 1; length <= 20; ++length) {
            texts.push_back(std::string(length, '9'));
            texts.push_back(std::string("3141592653589793238462").substr(0, length));
        }
        // One byte that is no digit, at every place: just below '0', just above '9', a letter,
        // a space, a byte with the top bit set.
        for (const std::string digits :
            { "15901567", "159015679", "1590156798", "1590156798250", "1590156798250123" }) {
            for (std::size_t at = 0; at < digits.size(); ++at) {
                for (const char c : { '/', ':', 'a', ' ', '.', '\xb0' }) {
                    std::string text = digits;
                    text[at] = c;
                    texts.push_back(text);
                }
            }
        }
        od::TimeReader reader(unit);
        for (const auto& text : texts)
            QVERIFY2(reader(text) == od::parseTime(text, unit), text.c_str());
    }

    void epochUnitCanBeForced()
    {
        constexpr qint64 s = 1'000'000'000;
        QCOMPARE(od::parseTime("1000", od::TimeUnit::Milliseconds), std::optional<std::int64_t>(s));
        QCOMPARE(od::parseTime("1000.5", od::TimeUnit::Milliseconds), std::optional<std::int64_t>(s + 500'000));
        QCOMPARE(od::parseTime("1000", od::TimeUnit::Seconds), std::optional<std::int64_t>(1000 * s));
        QCOMPARE(od::parseTime("1590156798250", od::TimeUnit::Seconds), std::optional<std::int64_t>());
        QCOMPARE(
            od::parseTime("1590156798250", od::TimeUnit::Auto), std::optional<std::int64_t>(1590156798250'000'000));
        QCOMPARE(od::TimeReader(od::TimeUnit::Milliseconds)("1000"), std::optional<std::int64_t>(s));
        // ISO times do not care about the unit.
        QCOMPARE(od::parseTime("1970-01-01T00:00:01Z", od::TimeUnit::Milliseconds), std::optional<std::int64_t>(s));
    }

    void formatsIsoUtc()
    {
        constexpr qint64 s = 1'000'000'000;
        QCOMPARE(QString::fromStdString(od::formatIsoUtc(1590156798LL * s)), QString("2020-05-22T14:13:18Z"));
        QCOMPARE(
            QString::fromStdString(od::formatIsoUtc(1590156798LL * s + s / 4)), QString("2020-05-22T14:13:18.25Z"));
        QCOMPARE(QString::fromStdString(od::formatIsoUtc(-s)), QString("1969-12-31T23:59:59Z"));
        QCOMPARE(QString::fromStdString(od::formatIsoUtc(0)), QString("1970-01-01T00:00:00Z"));
    }

    void formatsDurations_data()
    {
        QTest::addColumn<qint64>("nanos");
        QTest::addColumn<QString>("text");
        const qint64 s = 1'000'000'000;
        QTest::addRow("zero") << qint64(0) << "0s";
        QTest::addRow("seconds") << 45 * s << "45s";
        QTest::addRow("a fraction") << s + 250'000'000 << "1.25s";
        QTest::addRow("under a millisecond rounds down") << qint64(400'000) << "0s";
        QTest::addRow("minutes") << 200 * s << "3m 20s";
        QTest::addRow("hours") << (2 * 3600 + 5 * 60 + 59) * s << "2h 05m";
        QTest::addRow("days") << (3 * 86400 + 4 * 3600) * s << "3d 4h";
        QTest::addRow("backwards") << -90 * s << "-1m 30s";
        QTest::addRow("the most negative") << std::numeric_limits<qint64>::min() << "-106751d 23h";
    }

    void formatsDurations()
    {
        QFETCH(qint64, nanos);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(od::formatDuration(nanos)), text);
    }

    void roundTrips()
    {
        for (qint64 t = -5'000'000'000'000'000'000LL; t < 9'000'000'000'000'000'000LL; t += 123'456'789'012'345'678LL) {
            const auto back = od::parseTime(od::formatIsoUtc(t));
            QVERIFY(back);
            QCOMPARE(static_cast<qint64>(*back), t);
        }
    }
};

QTEST_APPLESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
