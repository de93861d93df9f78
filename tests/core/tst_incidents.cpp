// Grouping flagged points into incidents: the gap rule on hand-made cases (at, below and past the
// threshold, missing points inside, one-point incidents, flags at either end), the time rule, the
// peak with and without scores, and the live tracker against the batch grouping.

#include "core/report/incidents.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Case
{
    od::Detection detection;
    std::vector<double> values;
};

// n points of value 10; flags "i:score ..." set value 10 + score at i; NaN at the indices in nans.
Case makeCase(int n, const QString& flags, const QString& nans)
{
    Case c;
    c.values.assign(static_cast<std::size_t>(n), 10.0);
    for (const QString& f : flags.split(' ', Qt::SkipEmptyParts)) {
        const auto i = static_cast<std::size_t>(f.section(':', 0, 0).toInt());
        const double score = f.section(':', 1, 1).toDouble();
        c.detection.indices.push_back(i);
        c.detection.scores.push_back(score);
        c.values[i] = 10.0 + score;
    }
    for (const QString& i : nans.split(' ', Qt::SkipEmptyParts))
        c.values[static_cast<std::size_t>(i.toInt())] = kNaN;
    c.detection.centre = 10.0;
    return c;
}

// "start-end@peak/points ..." for comparing with the rows' expectations.
QString describe(const std::vector<od::Incident>& incidents)
{
    QStringList parts;
    for (const auto& in : incidents)
        parts << QString("%1-%2@%3/%4").arg(in.startIndex).arg(in.endIndex).arg(in.peakIndex).arg(in.points);
    return parts.join(' ');
}

bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool sameIncidents(const std::vector<od::Incident>& a, const std::vector<od::Incident>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const auto &x = a[k], &y = b[k];
        if (x.startIndex != y.startIndex || x.endIndex != y.endIndex || x.peakIndex != y.peakIndex
            || x.points != y.points || !sameNumber(x.peakValue, y.peakValue) || !sameNumber(x.peakScore, y.peakScore)
            || x.startTime != y.startTime || x.endTime != y.endTime)
            return false;
    }
    return true;
}

} // namespace

class TestIncidents : public QObject
{
    Q_OBJECT

private slots:
    void grouping_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("flags"); // index:score
        QTest::addColumn<QString>("nans");
        QTest::addColumn<int>("gap");
        QTest::addColumn<QString>("expected"); // start-end@peak/points

        QTest::addRow("no flags") << 10 << ""
                                  << "" << 3 << "";
        QTest::addRow("one-point incident") << 10 << "4:3"
                                            << "" << 3 << "4-4@4/1";
        QTest::addRow("adjacent flags join") << 10 << "3:3 4:5 5:4"
                                             << "" << 1 << "3-5@4/3";
        QTest::addRow("gap exactly at the threshold joins") << 10 << "2:3 5:4"
                                                            << "" << 3 << "2-5@5/2";
        QTest::addRow("one past the threshold splits") << 10 << "2:3 6:4"
                                                       << "" << 3 << "2-2@2/1 6-6@6/1";
        QTest::addRow("gap 0: every flag alone") << 10 << "2:3 3:4"
                                                 << "" << 0 << "2-2@2/1 3-3@3/1";
        QTest::addRow("missing points inside an incident") << 10 << "2:3 5:4"
                                                           << "3 4" << 3 << "2-5@5/2";
        QTest::addRow("a flag on a missing point is passed over") << 10 << "2:3 3:9 4:4"
                                                                  << "3" << 1 << "2-2@2/1 4-4@4/1";
        QTest::addRow("flag at the last point") << 10 << "7:3 9:5"
                                                << "" << 2 << "7-9@9/2";
        QTest::addRow("lone flag at the last point") << 10 << "2:3 9:5"
                                                     << "" << 2 << "2-2@2/1 9-9@9/1";
        QTest::addRow("flag at the first point") << 10 << "0:6 1:3"
                                                 << "" << 1 << "0-1@0/2";
        QTest::addRow("ties keep the first peak") << 10 << "3:4 4:4 5:2"
                                                  << "" << 1 << "3-5@3/3";
        QTest::addRow("several incidents") << 70 << "1:3 2:4 20:5 22:3 60:6"
                                           << "" << 5 << "1-2@2/2 20-22@20/2 60-60@60/1";
        QTest::addRow("a chain longer than the gap stays one") << 20 << "0:1 3:2 6:3 9:4 12:5 15:6"
                                                               << "" << 3 << "0-15@15/6";
    }

    void grouping()
    {
        QFETCH(int, n);
        QFETCH(QString, flags);
        QFETCH(QString, nans);
        QFETCH(int, gap);
        QFETCH(QString, expected);
        const Case c = makeCase(n, flags, nans);
        const od::IncidentRule rule { static_cast<std::size_t>(gap), 0 };
        const auto incidents = od::groupIncidents(c.detection, c.values, {}, rule);
        QCOMPARE(describe(incidents), expected);
        for (const auto& in : incidents) {
            QCOMPARE(in.peakValue, c.values[in.peakIndex]);
            QCOMPARE(in.peakScore, in.peakValue - 10.0);
            QVERIFY(!in.startTime && !in.endTime && !in.durationNanos()); // no times given
        }
    }

    void timesAndDuration()
    {
        const Case c = makeCase(10, "2:3 4:5", "");
        std::vector<std::int64_t> times;
        for (std::int64_t i = 0; i < 10; ++i)
            times.push_back(1'000'000'000'000 + i * 60'000'000'000);
        const auto incidents = od::groupIncidents(c.detection, c.values, times, { 3, 0 });
        QCOMPARE(incidents.size(), std::size_t(1));
        QCOMPARE(*incidents[0].startTime, times[2]);
        QCOMPARE(*incidents[0].endTime, times[4]);
        QCOMPARE(*incidents[0].durationNanos(), std::int64_t(120'000'000'000));
        // Times of another length than the values are left out rather than misread.
        times.pop_back();
        QVERIFY(!od::groupIncidents(c.detection, c.values, times, { 3, 0 })[0].startTime);
    }

    void timeRule_data()
    {
        QTest::addColumn<QString>("times"); // seconds, one per point
        QTest::addColumn<int>("gapSeconds");
        QTest::addColumn<QString>("expected");
        // Flags at 1 and 5, four points apart: more than the points gap of 2.
        QTest::addRow("within the time gap joins") << "0 10 20 30 40 50 60" << 45 << "1-5@5/2";
        QTest::addRow("exactly the time gap joins") << "0 10 20 30 40 50 60" << 40 << "1-5@5/2";
        QTest::addRow("past the time gap splits") << "0 10 20 30 40 51 60" << 40 << "1-1@1/1 5-5@5/1";
        QTest::addRow("time rule off") << "0 10 20 30 40 50 60" << 0 << "1-1@1/1 5-5@5/1";
        // The gap passed at point 4 (40 s after the flag); the step back at 5 does not reopen it.
        QTest::addRow("a backward step after the gap passed") << "0 10 20 30 51 20 60" << 40 << "1-1@1/1 5-5@5/1";
    }

    void timeRule()
    {
        QFETCH(QString, times);
        QFETCH(int, gapSeconds);
        QFETCH(QString, expected);
        std::vector<std::int64_t> t;
        for (const QString& s : times.split(' '))
            t.push_back(s.toLongLong() * 1'000'000'000);
        const Case c = makeCase(static_cast<int>(t.size()), "1:3 5:4", "");
        const od::IncidentRule rule { 2, std::int64_t(gapSeconds) * 1'000'000'000 };
        QCOMPARE(describe(od::groupIncidents(c.detection, c.values, t, rule)), expected);
    }

    void peakWithoutScores()
    {
        // Values 10 around a flagged dip to 2 (distance 8) and a spike to 17 (distance 7).
        Case c = makeCase(10, "3:0 4:0", "");
        c.values[3] = 2;
        c.values[4] = 17;
        c.detection.scores.clear();
        auto incidents = od::groupIncidents(c.detection, c.values, {}, { 5, 0 });
        QCOMPARE(incidents.size(), std::size_t(1));
        QCOMPARE(incidents[0].peakIndex, std::size_t(3)); // the constant centre 10
        QVERIFY(std::isnan(incidents[0].peakScore));
        // A per-point band moves the centre: around 5 the spike stands out more.
        c.detection.bandCentre.assign(10, 5.0);
        QCOMPARE(od::groupIncidents(c.detection, c.values, {}, { 5, 0 })[0].peakIndex, std::size_t(4));
        // No centre at all (a pb.Outliers answer): the mean of the values, 10.1.
        c.detection.bandCentre.clear();
        c.detection.centre = kNaN;
        incidents = od::groupIncidents(c.detection, c.values, {}, { 5, 0 });
        QCOMPARE(incidents[0].peakIndex, std::size_t(3));
        QCOMPARE(incidents[0].peakValue, 2.0);
    }

    void outOfRangeAndUnorderedIndicesArePassedOver()
    {
        Case c = makeCase(10, "2:3 5:4", "");
        c.detection.indices = { 2, 1, 5, 5, 42 };
        c.detection.scores = { 3, 1, 4, 4, 9 };
        QCOMPARE(describe(od::groupIncidents(c.detection, c.values, {}, { 3, 0 })), QString("2-5@5/2"));
    }

    void defaultRule()
    {
        const std::vector<std::int64_t> times { 0, 1, 2 };
        QCOMPARE(od::defaultIncidentRule(times), (od::IncidentRule { od::kIncidentGapPoints, 0 }));
        QCOMPARE(od::defaultIncidentRule({}).gapPoints, od::kIncidentGapPoints);
    }

    void trackerReportsOpenAndCloseAsTheyHappen()
    {
        od::IncidentTracker tracker({ 2, 0 });
        auto point = [](std::size_t i, bool flagged) {
            return od::IncidentPoint { i, 0, flagged, flagged ? 20.0 : 10.0, flagged ? 5.0 : kNaN, 10.0 };
        };
        QVERIFY(!tracker.feed(point(0, false)).opened);
        auto u = tracker.feed(point(1, true));
        QVERIFY(u.opened && !u.closed);
        QCOMPARE(u.opened->startIndex, std::size_t(1));
        QVERIFY(!tracker.feed(point(2, false)).closed);
        QVERIFY(!tracker.feed(point(3, false)).closed); // 2 points past the flag: still within
        u = tracker.feed(point(4, false)); // 3 past: the gap has passed
        QVERIFY(u.closed && !u.opened);
        QCOMPARE(u.closed->endIndex, std::size_t(1));
        QVERIFY(!tracker.current());
        u = tracker.feed(point(5, true));
        QVERIFY(u.opened);
        QCOMPARE(tracker.finish()->startIndex, std::size_t(5));
        QVERIFY(!tracker.finish());
    }

    void trackerMatchesTheBatchGrouping_data()
    {
        QTest::addColumn<unsigned>("seed");
        QTest::addColumn<bool>("withScores");
        QTest::addColumn<bool>("timeRule");
        QTest::addColumn<bool>("backwardSteps");
        for (unsigned seed = 1; seed <= 6; ++seed) {
            QTest::addRow("scores, points rule, seed %u", seed) << seed << true << false << false;
            QTest::addRow("no scores, points rule, seed %u", seed) << seed << false << false << false;
            QTest::addRow("scores, time rule, seed %u", seed) << seed << true << true << false;
            QTest::addRow("scores, time rule, backward steps, seed %u", seed) << seed << true << true << true;
        }
    }

    void trackerMatchesTheBatchGrouping()
    {
        QFETCH(unsigned, seed);
        QFETCH(bool, withScores);
        QFETCH(bool, timeRule);
        QFETCH(bool, backwardSteps);
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0, 1);
        const std::size_t n = 5000;
        od::Detection d;
        d.centre = 100;
        std::vector<double> values(n);
        std::vector<std::int64_t> times(n);
        std::int64_t t = 0;
        for (std::size_t i = 0; i < n; ++i) {
            // Bursts of flags, missing stretches, irregular steps and the odd step back.
            t += static_cast<std::int64_t>(1 + unit(rng) * (unit(rng) < 0.02 ? 500 : 20)) * 1'000'000'000;
            if (backwardSteps && unit(rng) < 0.03)
                t -= 300'000'000'000;
            times[i] = t;
            values[i] = unit(rng) < 0.02 ? kNaN : 100 + unit(rng);
            const bool burst = (i / 200) % 3 == 0;
            if (unit(rng) < (burst ? 0.15 : 0.005)) {
                values[i] = 100 + (unit(rng) < 0.5 ? -1 : 1) * (10 + std::round(unit(rng) * 5)); // ties happen
                d.indices.push_back(i);
                d.scores.push_back(std::fabs(values[i] - 100));
            }
        }
        if (!withScores)
            d.scores.clear();
        const od::IncidentRule rule { 1 + seed * 3, timeRule ? std::int64_t(seed) * 40'000'000'000 : 0 };
        const auto batch = od::groupIncidents(d, values, times, rule);
        QVERIFY(batch.size() > 5);

        od::IncidentTracker tracker(rule, true);
        std::vector<od::Incident> live;
        std::size_t k = 0, opened = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool flagged = k < d.indices.size() && d.indices[k] == i;
            const double score = flagged && withScores ? d.scores[k] : kNaN;
            k += flagged ? 1 : 0;
            const auto u = tracker.feed({ i, times[i], flagged, values[i], score, d.centre });
            if (u.closed)
                live.push_back(*u.closed);
            opened += u.opened ? 1 : 0;
        }
        if (auto last = tracker.finish())
            live.push_back(*last);
        QCOMPARE(opened, live.size());
        QVERIFY2(sameIncidents(live, batch),
            qPrintable(describe(live).left(300) + "\n  vs batch\n" + describe(batch).left(300)));
    }
};

QTEST_APPLESS_MAIN(TestIncidents)
#include "tst_incidents.moc"
