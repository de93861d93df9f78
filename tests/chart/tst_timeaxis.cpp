// The time axis reads at a glance: every tick label distinct and naming the unit that changes,
// at every zoom step over a week; the axis hugs the data (a real NAB file, not a quarter of
// empty width); aligned to each file's start, two files of different months both start at +0.

#include "chart/chartaxes.h"
#include "chart/metricchartview.h"
#include "chart/timeticklabels.h"

#include "core/csv/csv_reader.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QFile>
#include <QLineSeries>
#include <QTest>
#include <QTimeZone>

#include <set>

namespace {

constexpr qint64 kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;

qint64 utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

// A series every `stepMinutes` from `startMs` for `days` days.
od::Series regular(const std::string& name, qint64 startMs, int days, int stepMinutes)
{
    od::Series s;
    s.name = name;
    for (qint64 t = startMs; t <= startMs + days * kDay; t += stepMinutes * kMinute) {
        s.times.push_back(t * 1'000'000);
        s.values.push_back(double(s.times.size() % 97));
    }
    return s;
}

DatasetPtr datasetOf(std::vector<od::Series> series, std::vector<std::size_t> files = {})
{
    auto data = std::make_shared<Dataset>();
    data->series = std::move(series);
    data->seriesFile = std::move(files);
    finishDataset(*data);
    return data;
}

bool distinct(const QStringList& labels)
{
    return std::set<QString>(labels.begin(), labels.end()).size() == std::size_t(labels.size());
}

} // namespace

class TestTimeAxis : public QObject
{
    Q_OBJECT

private slots:
    void labels_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("hours within a day, date where it changes")
            << "2014-02-08T21:00:00Z" << kHour << 4 << QStringList { "Feb 8 21:00", "22:00", "23:00", "Feb 9 00:00" };
        QTest::addRow("hours over days: every label has its date")
            << "2014-02-08T00:00:00Z" << 12 * kHour << 4
            << QStringList { "Feb 8 00:00", "Feb 8 12:00", "Feb 9 00:00", "Feb 9 12:00" };
        QTest::addRow("seconds") << "2014-02-08T10:00:00Z" << qint64(15'000) << 3
                                 << QStringList { "Feb 8 10:00:00", "10:00:15", "10:00:30" };
        QTest::addRow("days, the year first and where it changes")
            << "2013-12-30T00:00:00Z" << kDay << 4 << QStringList { "Dec 30 2013", "Dec 31", "Jan 1 2014", "Jan 2" };
    }
    void labels()
    {
        QFETCH(QString, from);
        QFETCH(qint64, step);
        QFETCH(int, count);
        QFETCH(QStringList, expected);
        std::vector<qint64> ticks;
        for (int k = 0; k < count; ++k)
            ticks.push_back(utc(from.toLatin1().constData()) + k * step);
        QCOMPARE(clockTickLabels(ticks, step), expected);
    }

    void elapsedLabels()
    {
        QCOMPARE(elapsedTickLabels({ 0, 3 * kHour, kDay + 3 * kHour }, 3 * kHour),
            (QStringList { "+0 d 00:00", "+0 d 03:00", "+1 d 03:00" }));
        QCOMPARE(elapsedTickLabels({ 0, 2 * kDay }, 2 * kDay), (QStringList { "+0 d", "+2 d" }));
    }

    // From a week down to a few seconds, 1.5 times closer each step, and back by panning.
    void distinctAtEveryZoomStep()
    {
        MetricChartView view;
        view.resize(1000, 500);
        view.setDataset(datasetOf({ regular("cpu", utc("2014-02-03T00:00:00Z"), 7, 1) }));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        int steps = 0;
        qint64 lastSpan = -1;
        while (true) {
            const QStringList labels = view.timeAxis()->categoriesLabels();
            const auto [from, to] = view.viewRange();
            QVERIFY2(
                labels.size() >= 2, qPrintable(QStringLiteral("%1 labels at step %2").arg(labels.size()).arg(steps)));
            QVERIFY2(distinct(labels), qPrintable(labels.join(QStringLiteral(" | "))));
            // Ticks hours apart (or less) say the hour: every label has a clock time in it.
            if (to - from < 2 * kDay) {
                for (const QString& label : labels)
                    QVERIFY2(label.contains(QLatin1Char(':')), qPrintable(label));
            }
            if (to - from == lastSpan)
                break;
            lastSpan = to - from;
            view.zoom(1.5, from + (to - from) / 3);
            view.pan(0.1);
            ++steps;
        }
        QVERIFY(steps > 20); // a week to the least span: many steps were looked at
    }

    // machine_temperature_system_failure.csv runs Dec 2 - Feb 19: the axis shows that, not
    // Nov 21 - Feb 27.
    void axisHugsTheData()
    {
        if (!QFile::exists(QStringLiteral(OD_NAB_MACHINE_TEMPERATURE)))
            QSKIP("NAB's data is not there (configure with -DOD_SHARED_DATA_DIR=...)");
        auto read = od::readCsvFile(OD_NAB_MACHINE_TEMPERATURE);
        QVERIFY2(read, read ? "" : read.error().toString().c_str());
        const DatasetPtr data = datasetOf(std::move(read->series));
        MetricChartView view;
        view.resize(1200, 500);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        const SeriesExtent& e = data->extents.front();
        const QLineSeries* line = view.lineSeries().front();
        QCOMPARE(view.timeAxis()->min(), line->points().front().x());
        QCOMPARE(view.timeAxis()->max(), qreal(view.viewX(e.maxTime / 1'000'000)));
        QCOMPARE(view.timeAxis()->min(), qreal(view.viewX(e.minTime / 1'000'000)));
        QVERIFY(distinct(view.timeAxis()->categoriesLabels()));
    }

    // Two files of different months, aligned: both start at +0 and share one time axis.
    void alignedFilesStartAtZero()
    {
        const DatasetPtr data = datasetOf({ regular("january", utc("2014-01-06T10:00:00Z"), 2, 5),
                                              regular("march", utc("2014-03-17T22:30:00Z"), 3, 5) },
            { 0, 1 });
        MetricChartView view;
        view.resize(1000, 500);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.timeAxis()->titleText(), QStringLiteral("Time (UTC)"));
        view.setTimeAlignment(TimeAlignment::FileStart);
        view.refreshNow();
        for (const std::size_t series : { 0, 1 }) {
            const auto runs = view.drawnRuns(series);
            QVERIFY(!runs.empty() && !runs.front().isEmpty());
            QCOMPARE(runs.front().front().x(), 0.0);
        }
        QCOMPARE(view.viewRange(), (std::pair<qint64, qint64> { 0, 3 * kDay }));
        QCOMPARE(view.timeAxis()->min(), 0.0);
        QCOMPARE(view.timeAxis()->titleText(), QStringLiteral("Time since each file's start"));
        const QStringList labels = view.timeAxis()->categoriesLabels();
        QVERIFY(distinct(labels));
        QVERIFY2(labels.front().startsWith(QStringLiteral("+0 d")), qPrintable(labels.front()));
        // A span selected while aligned counts from each file's start too.
        view.selectSpan(0, kDay);
        const std::vector<SpanStatistics> stats = view.spanStatistics();
        QCOMPARE(stats.size(), std::size_t(2));
        QCOMPARE(stats[0].count, std::size_t(24 * 12 + 1));
        QCOMPARE(stats[1].count, std::size_t(24 * 12 + 1));

        view.setTimeAlignment(TimeAlignment::Absolute);
        view.refreshNow();
        QCOMPARE(view.drawnRuns(1).front().front().x(), view.viewX(utc("2014-03-17T22:30:00Z")));
        QVERIFY(!view.hasSpan()); // it counted time the other way
    }
};

QTEST_MAIN(TestTimeAxis)
#include "tst_timeaxis.moc"
