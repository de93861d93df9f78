// A picture laid out before its detections arrive (outlierctl render lays the chart out while
// detecting) is the picture laid out with them from the start, to the pixel: outliers, band,
// incidents and the legend that names them included.

#include "chart/chartimage.h"

#include "core/detect/detector.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// Minutes: a daily cycle, noise and a few spikes, scaled.
od::Series cycle(const std::string& name, int points, double scale)
{
    od::Series s;
    s.name = name;
    for (int i = 0; i < points; ++i) {
        s.times.push_back(std::int64_t(1'700'000'000 + i * 60LL) * 1'000'000'000);
        const double v = 100 + 30 * std::sin(i * 2 * M_PI / 1440) + (i * 7919 % 13) + (i % 3001 == 2500 ? 200 : 0);
        s.values.push_back(scale * v);
    }
    return s;
}

} // namespace

class TestChartPicture : public QObject
{
    Q_OBJECT

private slots:
    void laidOutFirstDrawsTheSame_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("series");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<bool>("local");
        QTest::newRow("alarm, one series: band") << "alarm" << 1 << false << false;
        QTest::newRow("rolling, one series, dark") << "rolling" << 1 << true << false;
        QTest::newRow("zscore, three series, local time") << "zscore" << 3 << false << true;
        QTest::newRow("alarm, two series, dark") << "alarm" << 2 << true << false;
    }

    void laidOutFirstDrawsTheSame()
    {
        QFETCH(QString, method);
        QFETCH(int, series);
        QFETCH(bool, dark);
        QFETCH(bool, local);
        auto data = std::make_shared<Dataset>();
        for (int i = 0; i < series; ++i)
            data->series.push_back(cycle("s" + std::to_string(i), 30'000 + 5000 * i, 1 + i));
        finishDataset(*data);
        auto detections = std::make_shared<std::vector<od::Detection>>();
        for (const od::Series& s : data->series) {
            const auto d = od::detect(s.values, s.times, od::defaultParams(method.toStdString()));
            QVERIFY(d.ok() && !d->indices.empty());
            detections->push_back(*d);
        }
        ChartLook look;
        look.dark = dark;
        look.time = local ? TimeDisplay::Local : TimeDisplay::Utc;
        look.bandText = method;
        const QSize size(900, 500);
        const QImage whole = renderChartImage(data, detections, size, look).convertToFormat(QImage::Format_RGB32);

        QTemporaryDir dir;
        const QString path = dir.filePath("chart.png");
        ChartPicture picture(data, size, look);
        picture.setDetections(detections);
        QString error;
        QVERIFY2(picture.write(path, &error), qPrintable(error));
        const QImage twoSteps = QImage(path).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(twoSteps.size(), size);
        QCOMPARE(twoSteps, whole);

        // And the detections show: the chart of the series alone differs.
        const QImage alone = renderChartImage(data, std::make_shared<std::vector<od::Detection>>(), size, look)
                                 .convertToFormat(QImage::Format_RGB32);
        QVERIFY(alone != whole);
    }
};

QTEST_MAIN(TestChartPicture)
#include "tst_chartpicture.moc"
