// OutlierTableModel on its own: QAbstractItemModelTester watches every change it announces while
// it is filled, sorted, switched to local time and cleared; the cells say what the rows hold.

#include "desktop/models/outliertablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

namespace {

// Two series, "cpu" with two outliers (scored) and "mem" with one (unscored, as a remote
// reference server answers).
struct Fixture
{
    DatasetPtr dataset;
    DetectionsPtr detections;
};

Fixture twoSeries()
{
    auto data = std::make_shared<Dataset>();
    constexpr std::int64_t second = 1'000'000'000;
    const std::int64_t t0 = 1'590'156'798LL * second; // 2020-05-22T14:13:18Z
    data->series.push_back({ "cpu", { t0, t0 + second, t0 + 2 * second }, { 1.0, 97.5, 3.0 } });
    data->series.push_back({ "mem", { t0, t0 + second }, { 50.0, 51.0 } });
    finishDataset(*data);
    std::vector<od::Detection> detections(2);
    detections[0].method = "zscore";
    detections[0].indices = { 0, 1 };
    detections[0].scores = { 2.5, 4.0 };
    detections[1].indices = { 1 };
    return { data, std::make_shared<const std::vector<od::Detection>>(std::move(detections)) };
}

} // namespace

class TestOutlierTableModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel()
    {
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(OutlierTableModel::ColumnCount));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsOfEveryDetection()
    {
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Fixture f = twoSeries();
        model.setOutliers(f.dataset, f.detections);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, OutlierTableModel::SeriesColumn).data().toString(), QStringLiteral("cpu"));
        QCOMPARE(
            model.index(0, OutlierTableModel::TimeColumn).data().toString(), QStringLiteral("2020-05-22T14:13:18Z"));
        QCOMPARE(model.index(1, OutlierTableModel::ValueColumn).data().toString(), QStringLiteral("97.5"));
        QCOMPARE(model.index(1, OutlierTableModel::ScoreColumn).data().toString(), QStringLiteral("4.00"));
        // A point with no score says so rather than showing a number.
        QCOMPARE(model.index(2, OutlierTableModel::ScoreColumn).data().toString(), QString());
        QCOMPARE(model.index(2, 0).data(OutlierTableModel::SeriesIndexRole).toULongLong(), 1ULL);
        QCOMPARE(model.index(2, 0).data(OutlierTableModel::PointIndexRole).toULongLong(), 1ULL);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // The view's selection and current row are persistent indexes: a sort moves them with
    // their outliers, in every column.
    void selectionFollowsItsOutlierAcrossASort_data()
    {
        QTest::addColumn<int>("column");
        for (int c = 0; c < OutlierTableModel::ColumnCount; ++c)
            QTest::addRow("%s", qPrintable(OutlierTableModel().headerData(c, Qt::Horizontal).toString())) << c;
    }

    void selectionFollowsItsOutlierAcrossASort()
    {
        QFETCH(int, column);
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Fixture f = twoSeries();
        model.setOutliers(f.dataset, f.detections);
        std::vector<QPersistentModelIndex> held;
        std::vector<std::pair<qulonglong, qulonglong>> points;
        for (int r = 0; r < model.rowCount(); ++r) {
            held.emplace_back(model.index(r, column));
            points.emplace_back(model.index(r, 0).data(OutlierTableModel::SeriesIndexRole).toULongLong(),
                model.index(r, 0).data(OutlierTableModel::PointIndexRole).toULongLong());
        }
        for (const auto order : { Qt::DescendingOrder, Qt::AscendingOrder }) {
            model.sort(column, order);
            for (std::size_t j = 0; j < held.size(); ++j) {
                QVERIFY(held[j].isValid());
                QCOMPARE(held[j].column(), column);
                const QModelIndex at = model.index(held[j].row(), 0);
                QCOMPARE(at.data(OutlierTableModel::SeriesIndexRole).toULongLong(), points[j].first);
                QCOMPARE(at.data(OutlierTableModel::PointIndexRole).toULongLong(), points[j].second);
            }
        }
    }

    // The Why cell may be narrower than its sentence (alarm words each alarm at length); the
    // tooltip holds all of it.
    void whyTooltipHoldsTheWholeSentence()
    {
        OutlierTableModel model;
        const Fixture f = twoSeries();
        auto detections = std::make_shared<std::vector<od::Detection>>(*f.detections);
        const std::string sentence = "97.5 is above the highest of the previous 4000 values (81.2) by 20% of their "
                                     "range (65 to 81.2), and the largest step of the previous 500 (14.3) by 2.1 times";
        (*detections)[0].method = "alarm";
        (*detections)[0].reasons = { "a rise", sentence };
        model.setOutliers(f.dataset, detections);
        const QModelIndex why = model.index(1, OutlierTableModel::ReasonColumn);
        QCOMPARE(why.data().toString(), QString::fromStdString(sentence));
        QCOMPARE(why.data(Qt::ToolTipRole).toString(), QString::fromStdString(sentence));
    }

    void sortsOnRawNumbers_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        // Rows by (series, point) in the order the sort must give.
        QTest::addColumn<QList<int>>("expected");
        QTest::addRow("value ascending") << int(OutlierTableModel::ValueColumn) << int(Qt::AscendingOrder)
                                         << QList<int> { 0, 0, 1, 1, 0, 1 };
        QTest::addRow("value descending")
            << int(OutlierTableModel::ValueColumn) << int(Qt::DescendingOrder) << QList<int> { 0, 1, 1, 1, 0, 0 };
        // Unscored rows sort below every scored one.
        QTest::addRow("score ascending") << int(OutlierTableModel::ScoreColumn) << int(Qt::AscendingOrder)
                                         << QList<int> { 1, 1, 0, 0, 0, 1 };
        QTest::addRow("series descending")
            << int(OutlierTableModel::SeriesColumn) << int(Qt::DescendingOrder) << QList<int> { 1, 1, 0, 0, 0, 1 };
    }

    void sortsOnRawNumbers()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QList<int>, expected);
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Fixture f = twoSeries();
        model.setOutliers(f.dataset, f.detections);
        // A selected row follows its outlier to its new place.
        const QPersistentModelIndex held = model.index(1, OutlierTableModel::ValueColumn);
        model.sort(column, Qt::SortOrder(order));
        QList<int> got;
        for (int r = 0; r < model.rowCount(); ++r) {
            got << int(model.index(r, 0).data(OutlierTableModel::SeriesIndexRole).toULongLong())
                << int(model.index(r, 0).data(OutlierTableModel::PointIndexRole).toULongLong());
        }
        QCOMPARE(got, expected);
        QVERIFY(held.isValid());
        QCOMPARE(held.data().toString(), QStringLiteral("97.5"));
    }

    // Every numeric sort is stable from the order the rows are in, whether or not they already
    // are in the order asked (rows in order are left where they are): a run of sorts on rows
    // with many equal keys matches std::stable_sort applied to the same rows step by step.
    void sortsStablyFromTheRowsOrder()
    {
        auto data = std::make_shared<Dataset>();
        std::vector<od::Detection> detections(2);
        constexpr std::int64_t second = 1'000'000'000;
        for (std::size_t s = 0; s < 2; ++s) {
            od::Series series;
            series.name = s == 0 ? "a" : "b";
            for (std::size_t i = 0; i < 60; ++i) {
                // Times repeat across the series and values and scores within them: ties everywhere.
                series.times.push_back(std::int64_t(i / 2) * second);
                series.values.push_back(double((i * 7 + s) % 5));
                if (i % 3 != s) {
                    detections[s].indices.push_back(i);
                    detections[s].scores.push_back(double((i * 11) % 4));
                }
            }
            data->series.push_back(std::move(series));
        }
        finishDataset(*data);
        const DatasetPtr dataset = data;
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOutliers(dataset, std::make_shared<const std::vector<od::Detection>>(detections));
        using Item = std::pair<std::size_t, std::size_t>; // series, point
        auto rows = [&] {
            std::vector<Item> out;
            for (int r = 0; r < model.rowCount(); ++r)
                out.emplace_back(model.index(r, 0).data(OutlierTableModel::SeriesIndexRole).toULongLong(),
                    model.index(r, 0).data(OutlierTableModel::PointIndexRole).toULongLong());
            return out;
        };
        auto keyOf = [&](int column, const Item& it) {
            const od::Series& s = dataset->series[it.first];
            if (column == OutlierTableModel::TimeColumn)
                return double(s.times[it.second]);
            if (column == OutlierTableModel::ValueColumn)
                return s.values[it.second];
            const auto& d = detections[it.first];
            const auto k = std::find(d.indices.begin(), d.indices.end(), it.second) - d.indices.begin();
            return d.scores[std::size_t(k)];
        };
        std::vector<Item> expected = rows();
        const std::pair<int, Qt::SortOrder> steps[] = { { OutlierTableModel::TimeColumn, Qt::AscendingOrder },
            { OutlierTableModel::TimeColumn, Qt::AscendingOrder },
            { OutlierTableModel::ValueColumn, Qt::DescendingOrder },
            { OutlierTableModel::ValueColumn, Qt::DescendingOrder },
            { OutlierTableModel::ScoreColumn, Qt::AscendingOrder },
            { OutlierTableModel::TimeColumn, Qt::DescendingOrder },
            { OutlierTableModel::ValueColumn, Qt::AscendingOrder },
            { OutlierTableModel::ScoreColumn, Qt::DescendingOrder },
            { OutlierTableModel::ScoreColumn, Qt::DescendingOrder } };
        for (const auto& step : steps) {
            // Copies, not a structured binding: clang 14 (the ASan build) cannot capture one.
            const int column = step.first;
            const Qt::SortOrder order = step.second;
            model.sort(column, order);
            std::stable_sort(expected.begin(), expected.end(), [&](const Item& a, const Item& b) {
                return order == Qt::AscendingOrder ? keyOf(column, a) < keyOf(column, b)
                                                   : keyOf(column, b) < keyOf(column, a);
            });
            QCOMPARE(rows(), expected);
        }
    }

    void localTimeRewritesTheTimeColumn()
    {
        OutlierTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Fixture f = twoSeries();
        model.setOutliers(f.dataset, f.detections);
        model.setTimeDisplay(TimeDisplay::Local);
        QCOMPARE(
            model.headerData(OutlierTableModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time (local)"));
        QCOMPARE(model.index(0, OutlierTableModel::TimeColumn).data().toString(),
            formatTime(f.dataset->series[0].times[0], TimeDisplay::Local));
    }
};

QTEST_GUILESS_MAIN(TestOutlierTableModel)
#include "tst_outliertablemodel.moc"
