// File > Follow Changes with the alarm method, through the session the window uses: a run over
// the grown file judges only the rows appended since the last run, and its detection equals
// the batch method's over the whole file; a changed setting or another method judges it all.

#include "desktop/detection/detectionrunner.h"
#include "desktop/session.h"
#include "growing_file.h"

#include "core/detect/detector.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace {

void write(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY2(f.open(mode), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

struct Run
{
    std::size_t rows; // of the series judged
    std::size_t judged;
    bool resumable;
};

// The batch method over the whole series, as `outlierctl detect` runs it.
od::Detection batchOf(const od::Series& s, const DetectorChoice& choice)
{
    od::DetectorParams params = od::defaultParams(choice.method.toStdString());
    params.threshold = choice.threshold;
    for (auto it = choice.params.begin(); it != choice.params.end(); ++it)
        od::setParam(params, it.key().toStdString(), it.value());
    auto r = od::detect(s.values, s.times, params);
    if (!r.ok())
        qFatal("detect failed: %s", r.error().message.c_str());
    return *r;
}

bool sameBand(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    }
    return true;
}

// The band at every point of a detection of `values`: kept, or worked out again.
std::pair<std::vector<double>, std::vector<double>> bandOf(const od::Detection& d, const std::vector<double>& values)
{
    if (!d.bandReplay)
        return { d.bandLower, d.bandUpper };
    std::vector<double> lower(values.size()), upper(values.size());
    d.bandReplay->fill(values, 0, values.size(), lower.data(), upper.data());
    return { lower, upper };
}

} // namespace

class TestFollowAlarm : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DetectorChoice m_choice; // what the session asks for at each run
    std::vector<Run> m_runs;

    std::unique_ptr<Session> followed(const QString& path)
    {
        auto session = std::make_unique<Session>([this] { return m_choice; }, nullptr);
        connect(session.get(), &Session::detectionFinished, this, [this](const DetectionOutcome& outcome) {
            if (outcome.ok())
                m_runs.push_back(
                    { outcome.dataset->series.front().size(), outcome.judgedPoints, outcome.alarmResume != nullptr });
        });
        session->follow(path);
        return session;
    }

    // The session's detection against the batch method on the dataset it shows.
    static void compareWithBatch(const Session& session, const DetectorChoice& choice)
    {
        QVERIFY(session.detections());
        const od::Series& s = session.dataset()->series.front();
        const od::Detection& shown = session.detections()->front();
        const od::Detection batch = batchOf(s, choice);
        QCOMPARE(shown.indices, batch.indices);
        QCOMPARE(shown.scores, batch.scores);
        QCOMPARE(shown.reasons, batch.reasons);
        // The session's alarm keeps its band to be worked out again, not at every point.
        QVERIFY(choice.method != QLatin1String("alarm") || (shown.bandLower.empty() && shown.bandReplay));
        const auto [lower, upper] = bandOf(shown, s.values);
        QVERIFY(sameBand(lower, batch.bandLower));
        QVERIFY(sameBand(upper, batch.bandUpper));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_choice = DetectorChoice {};
        m_runs.clear();
    }

    void grownFileIsJudgedFromWhereItStopped()
    {
        QCOMPARE(m_choice.method, QStringLiteral("alarm")); // the default
        const QString path = m_dir.filePath(QStringLiteral("alarm.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 1000), QIODevice::WriteOnly);
        auto session = followed(path);
        QTRY_COMPARE_WITH_TIMEOUT(m_runs.size(), std::size_t(1), 10'000);
        QCOMPARE(m_runs[0].rows, std::size_t(1000));
        QCOMPARE(m_runs[0].judged, std::size_t(1000));
        QVERIFY(m_runs[0].resumable);

        // Twice: rows with a spike, then calm rows.
        const QByteArray spike = QByteArray::number(kGrowingStart + 1050) + ",95\n";
        write(path, growingRows(1000, 1050) + spike + growingRows(1051, 1100), QIODevice::Append);
        QTRY_VERIFY_WITH_TIMEOUT(!m_runs.empty() && m_runs.back().rows == 1100, 10'000);
        write(path, growingRows(1100, 1300), QIODevice::Append);
        QTRY_VERIFY_WITH_TIMEOUT(!m_runs.empty() && m_runs.back().rows == 1300, 10'000);
        // However the follower cut the appends into runs, each judged only what was new.
        for (std::size_t r = 1; r < m_runs.size(); ++r)
            QCOMPARE(m_runs[r].judged, m_runs[r].rows - m_runs[r - 1].rows);
        const auto& found = session->detections()->front().indices;
        QVERIFY(std::find(found.begin(), found.end(), std::size_t(1050)) != found.end());
        compareWithBatch(*session, m_choice);
    }

    void changedSettingsOrAnotherMethodJudgeItAll_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("param");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("resumable");
        QTest::addRow("alarm with another memory") << "alarm"
                                                   << "window" << 500.0 << true;
        QTest::addRow("alarm with a period") << "alarm"
                                             << "period" << 60.0 << true;
        QTest::addRow("rolling") << "rolling"
                                 << "window" << 30.0 << false;
    }

    void changedSettingsOrAnotherMethodJudgeItAll()
    {
        QFETCH(QString, method);
        QFETCH(QString, param);
        QFETCH(double, value);
        QFETCH(bool, resumable);
        const QString path = m_dir.filePath(QStringLiteral("changed-%1.csv").arg(QTest::currentDataTag()));
        write(path, "timestamp,value\n" + growingRows(0, 800), QIODevice::WriteOnly);
        auto session = followed(path);
        QTRY_COMPARE_WITH_TIMEOUT(m_runs.size(), std::size_t(1), 10'000);

        m_choice.method = method;
        m_choice.threshold = od::defaultParams(method.toStdString()).threshold;
        m_choice.params[param] = value;
        session->detect();
        QTRY_COMPARE_WITH_TIMEOUT(m_runs.size(), std::size_t(2), 10'000);
        QCOMPARE(m_runs[1].judged, std::size_t(800)); // nothing to go on from
        QCOMPARE(m_runs[1].resumable, resumable);
        write(path, growingRows(800, 900), QIODevice::Append);
        QTRY_VERIFY_WITH_TIMEOUT(m_runs.back().rows == 900, 10'000);
        QCOMPARE(m_runs.back().judged, resumable ? 900 - m_runs[m_runs.size() - 2].rows : std::size_t(900));
        compareWithBatch(*session, m_choice);
    }
};

QTEST_GUILESS_MAIN(TestFollowAlarm)
#include "tst_followalarm.moc"
