// SeriesListModel on its own: QAbstractItemModelTester watches it while a dataset is shown,
// grows (a followed file), gets its outlier counts and has series hidden by their check boxes.

#include "desktop/models/serieslistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

DatasetPtr datasetOf(const std::vector<std::pair<std::string, std::size_t>>& series)
{
    auto data = std::make_shared<Dataset>();
    for (const auto& [name, points] : series) {
        od::Series s;
        s.name = name;
        for (std::size_t i = 0; i < points; ++i) {
            s.times.push_back(std::int64_t(i) * 1'000'000'000);
            s.values.push_back(double(i));
        }
        data->series.push_back(std::move(s));
    }
    return data;
}

} // namespace

class TestSeriesListModel : public QObject
{
    Q_OBJECT
private slots:
    void showsEverySeriesChecked()
    {
        SeriesListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(datasetOf({ { "cpu", 3 }, { "mem", 5 } }));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, SeriesListModel::NameColumn).data().toString(), QStringLiteral("mem"));
        QCOMPARE(model.index(1, SeriesListModel::PointsColumn).data(SeriesListModel::SortRole).toULongLong(), 5ULL);
        QCOMPARE(model.index(0, SeriesListModel::NameColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        // Not detected yet: no count rather than zero.
        QCOMPARE(model.index(0, SeriesListModel::OutliersColumn).data().toString(), QString());
        model.setDataset(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void outlierCounts()
    {
        SeriesListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(datasetOf({ { "cpu", 3 }, { "mem", 5 } }));
        std::vector<od::Detection> detections(1);
        detections[0].indices = { 0, 2 };
        model.setDetections(detections);
        QCOMPARE(model.index(0, SeriesListModel::OutliersColumn).data(SeriesListModel::SortRole).toLongLong(), 2LL);
        // A series without a detection of its own has no count.
        QCOMPARE(model.index(1, SeriesListModel::OutliersColumn).data(SeriesListModel::SortRole).toLongLong(), -1LL);
    }

    void checkBoxHidesASeries()
    {
        SeriesListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(datasetOf({ { "cpu", 3 }, { "mem", 5 } }));
        QSignalSpy shown(&model, &SeriesListModel::shownChanged);
        QVERIFY(model.setData(model.index(1, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.front().at(1).toBool(), false);
        QVERIFY(!model.isShown(1));
        QVERIFY(model.isShown(0));
        // Only the name column has a check box.
        QVERIFY(!model.setData(model.index(1, SeriesListModel::PointsColumn), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.flags(model.index(0, SeriesListModel::NameColumn)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(0, SeriesListModel::PointsColumn)) & Qt::ItemIsUserCheckable));
    }

    void grownDatasetKeepsCheckBoxes_data()
    {
        QTest::addColumn<int>("grownSeries");
        QTest::addColumn<int>("expectedRows");
        QTest::addRow("same series, more rows") << 2 << 2;
        QTest::addRow("a new series at the end") << 3 << 3;
        // Fewer series is not growth: the list starts again, every series shown.
        QTest::addRow("fewer series") << 1 << 1;
    }

    void grownDatasetKeepsCheckBoxes()
    {
        QFETCH(int, grownSeries);
        QFETCH(int, expectedRows);
        SeriesListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(datasetOf({ { "cpu", 3 }, { "mem", 5 } }));
        QVERIFY(model.setData(model.index(0, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        std::vector<std::pair<std::string, std::size_t>> grown { { "cpu", 7 }, { "mem", 9 }, { "disk", 1 } };
        grown.resize(std::size_t(grownSeries));
        model.setGrownDataset(datasetOf(grown));
        QCOMPARE(model.rowCount(), expectedRows);
        QCOMPARE(model.index(0, SeriesListModel::PointsColumn).data(SeriesListModel::SortRole).toULongLong(), 7ULL);
        QCOMPARE(model.isShown(0), grownSeries < 2);
        if (expectedRows == 3)
            QVERIFY(model.isShown(2));
    }
};

QTEST_MAIN(TestSeriesListModel)
#include "tst_serieslistmodel.moc"
