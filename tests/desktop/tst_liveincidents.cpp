// The Live Prices pane's incidents per symbol: unusual ticks grouped as they arrive, which must
// be exactly what core's groupIncidents makes of the same flags after the fact, and a line
// judged again under a new detector groups its kept ticks again.

#include "desktop/panes/stock/liveincidents.h"
#include "desktop/panes/stock/liveseries.h"

#include "core/detect/alarm.h"
#include "core/report/incidents.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using Flags = std::vector<std::size_t>;

class TestLiveIncidents : public QObject
{
    Q_OBJECT

private slots:
    void groupsAsCoreDoes_data()
    {
        QTest::addColumn<Flags>("flags");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<int>("closed");
        QTest::addColumn<bool>("open");
        // The default gap is 50 ticks: an incident closes at the 51st tick after its last flag.
        QTest::addRow("none") << Flags {} << 100 << 0 << false;
        QTest::addRow("one, still open") << Flags { 10 } << 60 << 0 << true;
        QTest::addRow("one, closed by the 51st tick") << Flags { 10 } << 62 << 1 << false;
        QTest::addRow("flags 50 apart join") << Flags { 10, 60 } << 100 << 0 << true;
        QTest::addRow("flags 51 apart split") << Flags { 10, 61 } << 100 << 1 << true;
        QTest::addRow("three, two closed") << Flags { 5, 6, 7, 100, 300 } << 400 << 3 << false;
    }

    void groupsAsCoreDoes()
    {
        QFETCH(Flags, flags);
        QFETCH(int, ticks);
        QFETCH(int, closed);
        QFETCH(bool, open);
        LiveIncidents live;
        std::vector<double> prices;
        int opened = 0;
        for (int i = 0; i < ticks; ++i) {
            const bool flagged = std::find(flags.begin(), flags.end(), std::size_t(i)) != flags.end();
            prices.push_back(flagged ? 500 : 100);
            opened += live.feed(flagged, prices.back(), flagged ? 5 : 0);
        }
        QCOMPARE(int(live.closed()), closed);
        QCOMPARE(live.isOpen(), open);
        // The same flags grouped after the fact: as many incidents, each one opened once.
        od::Detection d;
        d.indices = flags;
        d.scores.assign(flags.size(), 5);
        const auto batch = od::groupIncidents(d, prices, {}, od::defaultIncidentRule({}));
        QCOMPARE(live.total(), batch.size());
        QCOMPARE(std::size_t(opened), batch.size());
    }

    void aLiveLineCountsItsIncidents()
    {
        od::OnlineSettings rolling;
        rolling.method = od::OnlineMethod::RollingZScore;
        LiveSeries line(1000, rolling);
        // A calm wave, a jump, then calm again past the gap.
        for (int i = 0; i < 100; ++i)
            line.push(i * 500.0, 500 + std::sin(i * 0.5));
        QCOMPARE(line.incidents().total(), std::size_t(0));
        line.push(100 * 500.0, 560);
        QCOMPARE(line.incidents().total(), std::size_t(1));
        QVERIFY(line.incidents().isOpen());
        for (int i = 101; i < 200; ++i)
            line.push(i * 500.0, 500 + std::sin(i * 0.5));
        QVERIFY(!line.incidents().isOpen());
        QCOMPARE(line.incidents().closed(), std::size_t(1));

        // Judged again with a threshold nothing reaches: no incidents.
        od::OnlineSettings lax = rolling;
        lax.threshold = 1000;
        line.setDetector(lax);
        QCOMPARE(line.incidents().total(), std::size_t(0));
        line.setDetector(rolling);
        QCOMPARE(line.incidents().total(), std::size_t(1));
    }

    // The default live detector is alarm: a line's flags and incidents are what the batch
    // method and core's grouping make of the same prices in a file.
    void aLiveLineRunsAlarmAsAFileWould()
    {
        const od::OnlineSettings settings; // the default
        QCOMPARE(settings.method, od::OnlineMethod::Alarm);
        std::vector<double> prices;
        for (int i = 0; i < 3000; ++i) {
            const double wave = 500 + 5 * std::sin(i * 0.3) + (i % 7) * 0.25;
            prices.push_back(i == 900 || i == 1800 ? wave + 40 : i >= 2500 ? wave + 15 : wave);
        }
        LiveSeries line(5000, settings);
        for (std::size_t i = 0; i < prices.size(); ++i)
            line.push(double(i) * 100.0, prices[i]);
        const od::Detection batch = od::alarm(prices, settings.alarm);
        for (const std::size_t planted : { 900, 1800, 2500 }) // both spikes and the shift's start
            QVERIFY(std::find(batch.indices.begin(), batch.indices.end(), planted) != batch.indices.end());
        QCOMPARE(line.outlierPositions(), batch.indices);
        QCOMPARE(line.flagged(), std::int64_t(batch.indices.size()));
        const auto grouped = od::groupIncidents(batch, prices, {}, od::defaultIncidentRule({}));
        QCOMPARE(grouped.size(), std::size_t(3));
        QCOMPARE(line.incidents().total(), grouped.size());
        QCOMPARE(line.incidents().closed(), grouped.size()); // 500 calm ticks after the last
    }
};

QTEST_APPLESS_MAIN(TestLiveIncidents)
#include "tst_liveincidents.moc"
