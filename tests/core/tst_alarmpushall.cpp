// AlarmDetector::pushAll, the pass over many points that alarm() and a followed file use,
// against the plain loop of push() it stands for: every flag, score, reason and band value the
// same to the bit (signed zeros, infinities and NaN bands included), across its runs' edges,
// NaN gaps of every length, young and full memories and periods shorter and longer than a run.

#include "core/detect/alarm.h"
#include "core/detect/alarm_detector.h"
#include "core/detect/alarm_reason.h"

#include "alarm_test_series.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using bitstest::sameBitsOrNaN;

using alarmtest::kInf;
using alarmtest::kNaN;
using alarmtest::series;
using alarmtest::Shape;
using alarmtest::Values;

struct Outcome
{
    std::vector<std::size_t> indices;
    std::vector<double> scores;
    std::vector<std::string> reasons;
    Values bandLow, bandHigh;
};

// The reference: push() one point at a time, as a live stream runs it.
Outcome pointByPoint(const Values& v, const od::AlarmSettings& settings)
{
    od::AlarmDetector detector(settings);
    Outcome out;
    out.bandLow.assign(v.size(), kNaN);
    out.bandHigh.assign(v.size(), kNaN);
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto verdict = detector.push(v[i]);
        if (verdict.banded) {
            out.bandLow[i] = verdict.bandLow;
            out.bandHigh[i] = verdict.bandHigh;
        }
        if (verdict.alarm) {
            out.indices.push_back(i);
            out.scores.push_back(verdict.score);
            out.reasons.push_back(od::describeAlarm(verdict, detector.measure(), settings.period));
        }
    }
    return out;
}

void compareBits(const Values& got, const Values& want, const char* what)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (!sameBitsOrNaN(got[i], want[i]))
            QFAIL(qPrintable(QStringLiteral("%1 differs at %2: %3 against %4")
                                 .arg(what)
                                 .arg(i)
                                 .arg(got[i], 0, 'g', 17)
                                 .arg(want[i], 0, 'g', 17)));
    }
}

} // namespace

class TestAlarmPushAll : public QObject
{
    Q_OBJECT

private slots:
    void equalsPushOneByOne_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<std::size_t>("memory");
        QTest::addColumn<std::size_t>("period");
        QTest::addColumn<std::size_t>("points");
        const auto row = [](const char* name, Shape shape, std::size_t memory, std::size_t period, std::size_t n) {
            QTest::addRow("%s", name) << int(shape) << memory << period << n;
        };
        row("default memory, no period", Shape::Noise, 4000, 0, 30000);
        row("default memory, period 300", Shape::Noise, 4000, 300, 30000);
        row("period longer than a run", Shape::Noise, 4000, 2500, 30000);
        row("period longer than the memory", Shape::Noise, 1000, 5000, 30000);
        row("memory 8, period 7", Shape::Noise, 8, 7, 12000);
        row("memory longer than the series: young throughout", Shape::Noise, 24000, 144, 20000);
        row("signed zeros", Shape::Zeros, 100, 24, 20000);
        row("NaN gaps", Shape::Gaps, 2000, 144, 30000);
        row("infinities", Shape::Infinities, 2000, 144, 20000);
        row("shorter than a run", Shape::Noise, 64, 10, 700);
        row("shorter than the warm-up", Shape::Noise, 4000, 0, 250);
    }

    void equalsPushOneByOne()
    {
        QFETCH(int, shape);
        QFETCH(std::size_t, memory);
        QFETCH(std::size_t, period);
        QFETCH(std::size_t, points);
        const Values v = series(Shape(shape), unsigned(memory + period + points), points);
        const od::AlarmSettings settings { memory, 1.3, period };
        const Outcome want = pointByPoint(v, settings);
        const od::Detection got = od::alarm(v, settings);
        if (points > 1000)
            QVERIFY2(want.indices.size() > 2, qPrintable(QString::number(want.indices.size()))); // it alarms
        QCOMPARE(got.indices, want.indices);
        compareBits(got.scores, want.scores, "score");
        QCOMPARE(got.reasons, want.reasons);
        compareBits(got.bandLower, want.bandLow, "band low");
        compareBits(got.bandUpper, want.bandHigh, "band high");
    }

    // Runs that start anywhere: one detector given the series in pieces of every size from one
    // point to several runs, each through pushAll, against push() point by point.
    void piecesEqualPushOneByOne()
    {
        const Values v = series(Shape::Gaps, 7, 40000);
        const od::AlarmSettings settings { 1500, 1.3, 333 };
        const Outcome want = pointByPoint(v, settings);
        od::AlarmDetector detector(settings);
        Outcome got;
        got.bandLow.assign(v.size(), kNaN);
        got.bandHigh.assign(v.size(), kNaN);
        std::mt19937 rng(7);
        std::uniform_int_distribution<std::size_t> piece(0, 3000);
        for (std::size_t i = 0; i < v.size();) {
            const std::size_t n = std::min(v.size() - i, piece(rng));
            detector.pushAll(std::span<const double>(v).subspan(i, n), got.bandLow.data() + i, got.bandHigh.data() + i,
                [&](std::size_t at, const od::AlarmDetector::Verdict& verdict) {
                    got.indices.push_back(i + at);
                    got.scores.push_back(verdict.score);
                    got.reasons.push_back(od::describeAlarm(verdict, detector.measure(), settings.period));
                });
            i += n;
        }
        QVERIFY(want.indices.size() > 5);
        QCOMPARE(got.indices, want.indices);
        compareBits(got.scores, want.scores, "score");
        QCOMPARE(got.reasons, want.reasons);
        compareBits(got.bandLow, want.bandLow, "band low");
        compareBits(got.bandHigh, want.bandHigh, "band high");
    }
};

QTEST_GUILESS_MAIN(TestAlarmPushAll)
#include "tst_alarmpushall.moc"
