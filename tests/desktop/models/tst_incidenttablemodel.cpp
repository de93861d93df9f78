// The incidents table model on hand-made detections: QAbstractItemModelTester watches every
// change, and each row of data says which flags make which incidents, how they count once
// acknowledged, how they sort and what range a click shows.

#include "desktop/models/incidenttablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1'772'409'600LL * kSecond; // 2026-03-02T00:00:00Z

// A series of n points a second apart, 10 everywhere but 100 at the flags.
od::Series series(const std::string& name, std::size_t n, const std::vector<std::size_t>& flags)
{
    od::Series s;
    s.name = name;
    for (std::size_t i = 0; i < n; ++i) {
        s.times.push_back(kStart + std::int64_t(i) * kSecond);
        s.values.push_back(10);
    }
    for (const std::size_t i : flags)
        s.values[i] = 100;
    return s;
}

// The flags, with scores 1, 2, 3, ... in index order unless told there are none (a remote answer).
od::Detection detection(const std::vector<std::size_t>& flags, bool scores)
{
    od::Detection d;
    d.method = scores ? "zscore" : "remote";
    d.threshold = 2;
    d.indices = flags;
    d.centre = 10;
    d.scoreUnit = "standard deviations";
    d.centreName = "mean";
    for (std::size_t k = 0; scores && k < flags.size(); ++k)
        d.scores.push_back(double(k + 1));
    return d;
}

using Flags = std::vector<std::vector<std::size_t>>; // per series

struct Loaded
{
    std::unique_ptr<IncidentTableModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

Loaded load(const Flags& flags, bool scores, std::size_t points = 300)
{
    auto dataset = std::make_shared<Dataset>();
    auto detections = std::make_shared<std::vector<od::Detection>>();
    for (std::size_t s = 0; s < flags.size(); ++s) {
        dataset->series.push_back(series("s" + std::to_string(s), points, flags[s]));
        detections->push_back(detection(flags[s], scores));
    }
    dataset->files << QStringLiteral("/data/made.csv");
    Loaded out;
    out.model = std::make_unique<IncidentTableModel>();
    out.tester = std::make_unique<QAbstractItemModelTester>(
        out.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto incidents = std::make_shared<const SeriesIncidents>(groupSeriesIncidents(*dataset, *detections));
    out.model->setIncidents(dataset, detections, incidents);
    return out;
}

QStringList column(const QAbstractItemModel& model, int c)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, c).data().toString();
    return out;
}

} // namespace

class TestIncidentTableModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsAreIncidents_data()
    {
        QTest::addColumn<Flags>("flags");
        QTest::addColumn<bool>("scores");
        QTest::addColumn<QStringList>("series");
        QTest::addColumn<QStringList>("points");
        QTest::addColumn<QStringList>("durations");
        QTest::addColumn<QStringList>("peakScores");

        // The default gap is 50 points: flags 10 and 12 join, 200 stands alone.
        QTest::addRow("one series, two incidents")
            << Flags { { 10, 12, 200 } } << true << QStringList { "s0", "s0" } << QStringList { "2", "1" }
            << QStringList { "2s", "0s" } << QStringList { "2.00", "3.00" };
        QTest::addRow("flags exactly the gap apart join")
            << Flags { { 10, 60 } } << true << QStringList { "s0" } << QStringList { "2" } << QStringList { "50s" }
            << QStringList { "2.00" };
        QTest::addRow("one past the gap splits")
            << Flags { { 10, 61 } } << true << QStringList { "s0", "s0" } << QStringList { "1", "1" }
            << QStringList { "0s", "0s" } << QStringList { "1.00", "2.00" };
        QTest::addRow("two series, sorted by start")
            << Flags { { 100 }, { 5, 6, 7 } } << true << QStringList { "s1", "s0" } << QStringList { "3", "1" }
            << QStringList { "2s", "0s" } << QStringList { "3.00", "1.00" };
        QTest::addRow("no scores (a pb.Outliers answer)")
            << Flags { { 30 } } << false << QStringList { "s0" } << QStringList { "1" } << QStringList { "0s" }
            << QStringList { "" };
        QTest::addRow("nothing flagged") << Flags { {} } << true << QStringList {} << QStringList {} << QStringList {}
                                         << QStringList {};
    }

    void rowsAreIncidents()
    {
        QFETCH(Flags, flags);
        QFETCH(bool, scores);
        QFETCH(QStringList, series);
        QFETCH(QStringList, points);
        QFETCH(QStringList, durations);
        QFETCH(QStringList, peakScores);
        Loaded l = load(flags, scores);
        l.model->sort(IncidentTableModel::StartColumn, Qt::AscendingOrder);
        QCOMPARE(column(*l.model, IncidentTableModel::SeriesColumn), series);
        QCOMPARE(column(*l.model, IncidentTableModel::PointsColumn), points);
        QCOMPARE(column(*l.model, IncidentTableModel::DurationColumn), durations);
        QCOMPARE(column(*l.model, IncidentTableModel::PeakScoreColumn), peakScores);
        QCOMPARE(l.model->activeIncidents(), std::size_t(series.size()));
        // Every incident is shaded, none greyed.
        const IncidentSpansPtr spans = l.model->spans();
        QCOMPARE(int(spans->size()), series.size());
        for (const IncidentSpan& s : *spans)
            QVERIFY(!s.acknowledged);
        // The peak's reason is the outliers table's for that point.
        for (int r = 0; r < l.model->rowCount(); ++r) {
            const QString why = l.model->index(r, IncidentTableModel::ReasonColumn).data().toString();
            QVERIFY2(why.contains(scores ? QStringLiteral("standard deviations") : QStringLiteral("remote")),
                qPrintable(why));
        }
    }

    void acknowledgedRowsLeaveTheCounts_data()
    {
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("shown");
        QTest::addRow("with a note") << QStringLiteral("planned restart") << QStringLiteral("planned restart");
        QTest::addRow("without one") << QString() << QStringLiteral("yes");
    }

    void acknowledgedRowsLeaveTheCounts()
    {
        QFETCH(QString, note);
        QFETCH(QString, shown);
        Loaded l = load({ { 10, 11, 12 }, { 100, 250 } }, true);
        QCOMPARE(l.model->activeIncidents(), std::size_t(3));
        QCOMPARE(l.model->activePoints(), std::size_t(5));
        l.model->sort(IncidentTableModel::PointsColumn, Qt::DescendingOrder);
        QCOMPARE(l.model->index(0, IncidentTableModel::PointsColumn).data().toString(), QStringLiteral("3"));
        l.model->setAcknowledged(0, note);
        QCOMPARE(l.model->activeIncidents(), std::size_t(2));
        QCOMPARE(l.model->activePoints(), std::size_t(2));
        QCOMPARE(l.model->index(0, IncidentTableModel::AcknowledgedColumn).data().toString(), shown);
        QVERIFY(l.model->index(0, 0).data(IncidentTableModel::AcknowledgedRole).toBool());
        QVERIFY(l.model->index(0, 0).data(Qt::ForegroundRole).isValid()); // greyed
        QVERIFY(!l.model->index(1, 0).data(Qt::ForegroundRole).isValid());
        // The chart greys exactly that one.
        const IncidentSpansPtr spans = l.model->spans();
        QCOMPARE(std::count_if(spans->begin(), spans->end(), [](const IncidentSpan& s) { return s.acknowledged; }), 1);
        // Sorting keeps the acknowledgement with its incident.
        l.model->sort(IncidentTableModel::PointsColumn, Qt::AscendingOrder);
        QVERIFY(l.model->isAcknowledged(l.model->rowCount() - 1));
        l.model->setAcknowledged(l.model->rowCount() - 1, std::nullopt);
        QCOMPARE(l.model->activeIncidents(), std::size_t(3));
    }

    // The view's selection and current row are persistent indexes: a sort moves them with
    // their incidents, in every column.
    void selectionFollowsItsIncidentAcrossASort_data()
    {
        QTest::addColumn<int>("column");
        for (int c = 0; c < IncidentTableModel::ColumnCount; ++c)
            QTest::addRow("%s", qPrintable(IncidentTableModel().headerData(c, Qt::Horizontal).toString())) << c;
    }

    void selectionFollowsItsIncidentAcrossASort()
    {
        QFETCH(int, column);
        Loaded l = load({ { 5, 100, 101, 102, 250, 251 }, { 40, 41, 42, 43, 200 } }, true);
        QCOMPARE(l.model->rowCount(), 5);
        l.model->setAcknowledged(2, QStringLiteral("known"));
        std::vector<QPersistentModelIndex> held;
        std::vector<std::pair<qulonglong, qulonglong>> items;
        for (int r = 0; r < l.model->rowCount(); ++r) {
            held.emplace_back(l.model->index(r, column));
            items.emplace_back(l.model->index(r, 0).data(IncidentTableModel::SeriesIndexRole).toULongLong(),
                l.model->index(r, 0).data(IncidentTableModel::IncidentIndexRole).toULongLong());
        }
        for (const auto order : { Qt::DescendingOrder, Qt::AscendingOrder }) {
            l.model->sort(column, order);
            for (std::size_t j = 0; j < held.size(); ++j) {
                QVERIFY(held[j].isValid());
                QCOMPARE(held[j].column(), column);
                const QModelIndex at = l.model->index(held[j].row(), 0);
                QCOMPARE(at.data(IncidentTableModel::SeriesIndexRole).toULongLong(), items[j].first);
                QCOMPARE(at.data(IncidentTableModel::IncidentIndexRole).toULongLong(), items[j].second);
            }
        }
    }

    // The Why cell may be narrower than its sentence; its tooltip holds the whole of it, also
    // once the incident is acknowledged (the note has its own column and tooltip).
    void whyTooltipHoldsTheWholeSentence()
    {
        Loaded l = load({ { 10, 11, 12 } }, true);
        const QModelIndex why = l.model->index(0, IncidentTableModel::ReasonColumn);
        const QString text = why.data().toString();
        QVERIFY2(text.size() > 30, qPrintable(text));
        QCOMPARE(why.data(Qt::ToolTipRole).toString(), text);
        l.model->setAcknowledged(0, QStringLiteral("planned restart"));
        QCOMPARE(l.model->index(0, IncidentTableModel::ReasonColumn).data(Qt::ToolTipRole).toString(), text);
        QVERIFY(l.model->index(0, IncidentTableModel::AcknowledgedColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("planned restart")));
    }

    void sortsNumbersAsNumbers_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("ascending");
        // Peak scores 1, 2, 3 ... by flag; points 1, 10 and 2: as text "10" would sort before "2".
        const Flags flags { { 5, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 250, 251 } };
        QTest::addRow("points") << int(IncidentTableModel::PointsColumn) << QStringList { "1", "2", "10" };
        QTest::addRow("duration") << int(IncidentTableModel::DurationColumn) << QStringList { "0s", "1s", "9s" };
        QTest::addRow("peak score") << int(IncidentTableModel::PeakScoreColumn)
                                    << QStringList { "1.00", "11.00", "13.00" };
    }

    void sortsNumbersAsNumbers()
    {
        QFETCH(int, column);
        QFETCH(QStringList, ascending);
        Loaded l = load({ { 5, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 250, 251 } }, true);
        QCOMPARE(l.model->rowCount(), 3);
        l.model->sort(column, Qt::AscendingOrder);
        QCOMPARE(::column(*l.model, column), ascending);
        l.model->sort(column, Qt::DescendingOrder);
        std::reverse(ascending.begin(), ascending.end());
        QCOMPARE(::column(*l.model, column), ascending);
    }

    void viewRangeShowsTheIncidentWithAMargin_data()
    {
        QTest::addColumn<Flags>("flags");
        QTest::addColumn<qint64>("fromSecond");
        QTest::addColumn<qint64>("toSecond");
        QTest::addRow("one point: 20 points either side") << Flags { { 100 } } << qint64(80) << qint64(120);
        QTest::addRow("long: half its length either side") << Flags { { 100, 140, 180 } } << qint64(60) << qint64(220);
        QTest::addRow("at the start: clamped to the series") << Flags { { 3 } } << qint64(0) << qint64(23);
        QTest::addRow("at the end: clamped to the series") << Flags { { 299 } } << qint64(279) << qint64(299);
    }

    void viewRangeShowsTheIncidentWithAMargin()
    {
        QFETCH(Flags, flags);
        QFETCH(qint64, fromSecond);
        QFETCH(qint64, toSecond);
        Loaded l = load(flags, true);
        QCOMPARE(l.model->rowCount(), 1);
        const auto [from, to] = l.model->viewRange(0);
        QCOMPARE(from, kStart / 1'000'000 + fromSecond * 1000);
        QCOMPARE(to, kStart / 1'000'000 + toSecond * 1000);
    }

    void timeDisplayRewritesTheStartColumn()
    {
        Loaded l = load({ { 10 } }, true);
        QCOMPARE(l.model->index(0, IncidentTableModel::StartColumn).data().toString(),
            QStringLiteral("2026-03-02T00:00:10Z"));
        l.model->setTimeDisplay(TimeDisplay::Local);
        QVERIFY(l.model->headerData(IncidentTableModel::StartColumn, Qt::Horizontal).toString().contains("local"));
        l.model->clear();
        QCOMPARE(l.model->rowCount(), 0);
    }
};

QTEST_MAIN(TestIncidentTableModel)
#include "tst_incidenttablemodel.moc"
