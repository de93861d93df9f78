// The View menu's choices and what depends on them, on real widgets: UTC or local time in the
// table, the chart and what is copied; light and dark themes; the About box; chart export to
// PNG and SVG; missing values drawn as gaps. Runs in the Asia/Kolkata zone (UTC+05:30, no
// daylight saving), so that local time differs from UTC by a known, constant offset.

#include "chart/chartcaption.h"
#include "chart/chartimage.h"
#include "chart/metricchartview.h"
#include "chart/theme.h"
#include "desktop/aboutbox.h"
#include "desktop/chartarea.h"
#include "desktop/export/exportactions.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/viewoptions.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <grpcpp/grpcpp.h>

#include <cmath>
#include <ctime>
#include <functional>
#include <memory>

namespace {

// The sample's first outlier: queue_depth at 05:50 UTC, 11:20 in Kolkata.
const QString kSeries = QStringLiteral("queue_depth");
const QString kUtcTime = QStringLiteral("2026-03-02T05:50:00Z");
const QString kLocalTime = QStringLiteral("2026-03-02T11:20:00+05:30");

// The table's time text for the row of kSeries whose point lies at kUtcTime.
QString timeTextOfKnownRow(MainWindow& window)
{
    const QAbstractItemModel* table = window.outlierTable();
    const qint64 nanos = QDateTime::fromString(kUtcTime, Qt::ISODate).toMSecsSinceEpoch() * 1'000'000;
    for (int r = 0; r < table->rowCount(); ++r) {
        const QModelIndex time = table->index(r, OutlierTableModel::TimeColumn);
        if (table->index(r, OutlierTableModel::SeriesColumn).data().toString() == kSeries
            && time.data(OutlierTableModel::SortRole).toLongLong() == nanos)
            return time.data().toString();
    }
    return {};
}

struct SvgStrokes
{
    bool isSvg = false;
    // Per stroke colour, the number of points of each <path> drawn in it.
    QMap<QString, QList<int>> paths;
};

// Reads an SVG as XML, following the stroke colour that <g> elements hand down to paths.
SvgStrokes readSvg(const QString& path)
{
    SvgStrokes out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QStringList strokes;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (xml.name() == QLatin1String("svg"))
                out.isSvg = true;
            const QString stroke = xml.attributes().value(QLatin1String("stroke")).toString();
            strokes.append(stroke.isEmpty() && !strokes.isEmpty() ? strokes.last() : stroke);
            if (xml.name() == QLatin1String("path")) {
                const QString d = xml.attributes().value(QLatin1String("d")).toString();
                out.paths[strokes.last()].append(int(d.count(QLatin1Char('L')) + d.count(QLatin1Char('M'))));
            }
        } else if (token == QXmlStreamReader::EndElement) {
            strokes.removeLast();
        }
    }
    if (xml.hasError()) {
        qWarning("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
        out.isSvg = false;
    }
    return out;
}

// Answers the next file dialog with `path` and the name filter that contains `filter`.
void answerNextFileDialog(const QString& path, const QString& filter)
{
    QTimer::singleShot(0, qApp, [path, filter] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("no file dialog open");
            return;
        }
        for (const QString& f : dialog->nameFilters()) {
            if (f.contains(filter))
                dialog->selectNameFilter(f);
        }
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept"); // protected in QFileDialog, a slot of QDialog
    });
}

} // namespace

class TestViewOptions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QPalette m_systemPalette;

    static std::unique_ptr<MainWindow> openFile(const QString& path) { return windowWithFile(path); }

    // One series, a point a minute for 200 minutes, with minutes 80 to 119 missing.
    QString writeGappedFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("gap.csv"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write("timestamp,latency\n");
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-01-01T00:00:00Z"), Qt::ISODate);
        for (int i = 0; i < 200; ++i) {
            const QByteArray value
                = i >= 80 && i < 120 ? QByteArray() : QByteArray::number(50 + 10 * std::sin(i * 0.2));
            file.write(start.addSecs(60 * i).toUTC().toString(Qt::ISODate).toUtf8() + ',' + value + '\n');
        }
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")), QStringLiteral("OutlierDeskViewTest"));
        m_systemPalette = QApplication::palette();
        // The zone this program set for itself in main(); the expectations below rely on it.
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(0, Qt::LocalTime).offsetFromUtc(), 5 * 3600 + 30 * 60);
    }

    void init() { QSettings().clear(); }

    void cleanup() { applyTheme(ThemeChoice::System); }

    void utcToggleRewritesTimesEverywhereAndIsRemembered()
    {
        {
            auto window = openFile(QStringLiteral(OD_SAMPLE));
            QAction* utc = window->findChild<QAction*>(QStringLiteral("utcAction"));
            QVERIFY(utc && utc->isChecked());
            QCOMPARE(utc->shortcut(), QKeySequence(QStringLiteral("Ctrl+T")));
            QCOMPARE(timeTextOfKnownRow(*window), kUtcTime);
            MetricChartView* chart = window->chartView();
            const auto* axis = qobject_cast<QCategoryAxis*>(chart->chart()->axes(Qt::Horizontal).first());
            QCOMPARE(axis->titleText(), QStringLiteral("Time (UTC)"));
            // The axis labels chart x as local time: in UTC mode the marker reads 05:50.
            const QPointF marker = chart->outlierSeries()[2]->points().first();
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(marker.x())).toString(QStringLiteral("HH:mm")),
                QStringLiteral("05:50"));

            QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
            QVERIFY(!utc->isChecked());
            QCOMPARE(timeTextOfKnownRow(*window), kLocalTime);
            QCOMPARE(window->outlierTable()->headerData(OutlierTableModel::TimeColumn, Qt::Horizontal).toString(),
                QStringLiteral("Time (local)"));
            QCOMPARE(axis->titleText(), QStringLiteral("Time (Asia/Kolkata)"));
            const QPointF localMarker = chart->outlierSeries()[2]->points().first();
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(localMarker.x())).toString(QStringLiteral("HH:mm")),
                QStringLiteral("11:20"));
            QVERIFY2(chart->markerText(2, 0).contains(kLocalTime), qPrintable(chart->markerText(2, 0)));

            // What is copied says what the table says.
            QApplication::clipboard()->clear();
            window->findChild<QAction*>(QStringLiteral("copyAction"))->trigger();
            const QString copied = QApplication::clipboard()->text();
            QVERIFY2(
                copied.contains(QStringLiteral("Time (local)")) && copied.contains(kLocalTime), qPrintable(copied));
            QVERIFY(!copied.contains(kUtcTime));
        }
        // A restart keeps local time, before and after a file is opened.
        {
            auto window = openFile(QStringLiteral(OD_SAMPLE));
            QVERIFY(!window->findChild<QAction*>(QStringLiteral("utcAction"))->isChecked());
            QCOMPARE(window->outlierModel()->timeDisplay(), TimeDisplay::Local);
            QCOMPARE(timeTextOfKnownRow(*window), kLocalTime);
            window->findChild<QAction*>(QStringLiteral("utcAction"))->trigger();
            QCOMPARE(timeTextOfKnownRow(*window), kUtcTime);
        }
        MainWindow again;
        QVERIFY(again.findChild<QAction*>(QStringLiteral("utcAction"))->isChecked());
    }

    void themeOverrideRecoloursAppAndChartAndIsRemembered()
    {
        QVERIFY(!isDarkPalette(m_systemPalette)); // offscreen: Qt's light default
        {
            auto window = openFile(QStringLiteral(OD_SAMPLE));
            MetricChartView* chart = window->chartView();
            QCOMPARE(chart->chart()->theme(), QChart::ChartThemeLight);

            window->findChild<QAction*>(QStringLiteral("themeDarkAction"))->trigger();
            QCOMPARE(QApplication::palette().color(QPalette::Window), darkPalette().color(QPalette::Window));
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
            // Widgets take the application's palette in posted events.
            QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() < 80);
            QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeDark);
            QVERIFY(chart->isDark());
            // Markers stay red and bright; lines take their lighter colours.
            const QColor marker = chart->outlierSeries()[0]->color();
            QVERIFY(marker.red() > 200 && marker.green() < 100 && marker.blue() < 100);
            QCOMPARE(marker, outlierColour(true));
            QCOMPARE(chart->lineSeries()[0]->color(), seriesColour(0, true));
            QVERIFY(chart->chart()->backgroundBrush().color().lightness() < 80);

            window->findChild<QAction*>(QStringLiteral("themeLightAction"))->trigger();
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
            QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeLight);
            QCOMPARE(chart->outlierSeries()[0]->color(), outlierColour(false));

            window->findChild<QAction*>(QStringLiteral("themeDarkAction"))->trigger();
        }
        // Dark survives a restart, and System gives back the platform's palette.
        auto window = openFile(QStringLiteral(OD_SAMPLE));
        QVERIFY(window->findChild<QAction*>(QStringLiteral("themeDarkAction"))->isChecked());
        QCOMPARE(QApplication::palette().color(QPalette::Window), darkPalette().color(QPalette::Window));
        QTRY_COMPARE(window->chartView()->chart()->theme(), QChart::ChartThemeDark);
        window->findChild<QAction*>(QStringLiteral("themeSystemAction"))->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
        QTRY_COMPARE(window->chartView()->chart()->theme(), QChart::ChartThemeLight);
    }

    // Each action in the menus (bar the theme choices and Help) can be reached from the
    // keyboard, shows its shortcut there, and no two share one.
    void menuActionsHaveDistinctShortcuts()
    {
        MainWindow window;
        QSet<QString> seen;
        QStringList missing;
        const std::function<void(QMenu*)> walk = [&](QMenu* menu) {
            for (QAction* action : menu->actions()) {
                if (action->isSeparator())
                    continue;
                if (action->menu()) {
                    if (action->menu()->objectName() != QLatin1String("themeMenu")
                        && action->menu()->objectName() != QLatin1String("recentMenu")
                        && action->menu()->objectName() != QLatin1String("chartSizeMenu"))
                        walk(action->menu());
                    continue;
                }
                if (action->shortcut().isEmpty()) {
                    missing << action->text();
                    continue;
                }
                const QString keys = action->shortcut().toString();
                QVERIFY2(!seen.contains(keys), qPrintable(keys + QStringLiteral(" twice")));
                seen.insert(keys);
            }
        };
        for (QAction* top : window.menuBar()->actions()) {
            if (top->menu() && top->text() != QLatin1String("&Help"))
                walk(top->menu());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
        QVERIFY(seen.size() >= 18);
    }

    // The legend lists each shown series once and one entry for the outliers, whatever the
    // band, the hidden series and the stretches of a gapped line.
    void legendListsEachShownSeriesOnce()
    {
        const auto labels = [](MetricChartView* chart) {
            QStringList out;
            for (QLegendMarker* m : chart->chart()->legend()->markers()) {
                if (m->isVisible())
                    out << m->label();
            }
            out.sort();
            return out;
        };
        auto window = openFile(QStringLiteral(OD_SAMPLE));
        MetricChartView* chart = window->chartView();
        chart->setBandSeries(0);
        QVERIFY(chart->band()->isVisible());
        chart->setSeriesShown(0, false);
        chart->setBandSeries(1);
        // The band drawn is listed once, by what made it ("band: alarm ...").
        const QString band = chart->band()->name();
        QVERIFY2(band.startsWith(QStringLiteral("band: ")), qPrintable(band));
        QCOMPARE(labels(chart), QStringList({ band, "cpu_percent", "outliers", "queue_depth" }));
        chart->setSeriesShown(0, true);
        QCOMPARE(labels(chart), QStringList({ "api_latency_ms", band, "cpu_percent", "outliers", "queue_depth" }));

        auto gapped = openFile(writeGappedFile());
        QCOMPARE(gapped->chartView()->drawnRuns(0).size(), std::size_t(2));
        gapped->chartView()->setSeriesShown(0, false);
        gapped->chartView()->setSeriesShown(0, true);
        QCOMPARE(labels(gapped->chartView()).filter(QStringLiteral("latency")), QStringList({ "latency" }));
    }

    void aboutBoxNamesTheVersions()
    {
        MainWindow window;
        window.show();
        window.findChild<QAction*>(QStringLiteral("aboutAction"))->trigger();
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("aboutBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        const QString text = box->text();
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QString::fromStdString(grpc::Version())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("protobuf")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("OutlierDesk ")), qPrintable(text));
        box->close();
    }

    void exportWritesPngAndSvgOfWhatIsShown()
    {
        auto window = openFile(QStringLiteral(OD_SAMPLE));
        QAction* exportChart = window->findChild<QAction*>(QStringLiteral("exportChartAction"));
        auto* exports = window->findChild<ExportActions*>();
        QVERIFY(exportChart && exports);
        QCOMPARE(exportChart->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
        // The default size, whatever the window's: 1600 x 900.
        QCOMPARE(exports->chartSize().size, QSize(1600, 900));
        QCOMPARE(exports->chartSize().pixelRatio, 1.0);
        // The title line: the file, the method as it ran, the span shown and the clock.
        const QString caption = captionText(exports->caption());
        for (const QString& part : { QStringLiteral("service-metrics.csv"), QStringLiteral("local alarm"),
                 QStringLiteral(" to "), QStringLiteral("clock: UTC") })
            QVERIFY2(caption.contains(part), qPrintable(caption));
        QVERIFY2(!caption.contains(QStringLiteral("/")), qPrintable(caption)); // names, not paths

        // SVG chosen by its filter; the name gets the extension.
        const QString svgPath = m_dir.filePath(QStringLiteral("chart"));
        answerNextFileDialog(svgPath, QStringLiteral("*.svg"));
        exportChart->trigger();
        QVERIFY2(QFile::exists(svgPath + QStringLiteral(".svg")), qPrintable(window->statusText()));
        QVERIFY2(window->statusText().contains(QStringLiteral("1600 × 900")), qPrintable(window->statusText()));
        const SvgStrokes svg = readSvg(svgPath + QStringLiteral(".svg"));
        QVERIFY(svg.isSvg);
        QFile svgFile(svgPath + QStringLiteral(".svg"));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QString svgText = QString::fromUtf8(svgFile.readAll());
        QVERIFY(svgText.contains(QStringLiteral("viewBox=\"0 0 1600 900\"")));
        QVERIFY2(svgText.contains(caption.toHtmlEscaped()), "the title line is not in the SVG");
        // Laid out anew at 1600 wide, not the window's chart scaled: each series is one path
        // in its own colour, through as many points as a chart of that size draws.
        const auto copy = window->chartArea()->copyAt(QSize(1600, 900 - captionHeight()));
        MetricChartView* drawn = copy->charts().front();
        QVERIFY(drawn->chart()->plotArea().width() > window->chartView()->chart()->plotArea().width());
        for (std::size_t i = 0; i < drawn->lineSeries().size(); ++i) {
            const QString colour = seriesColour(i, false).name();
            QVERIFY2(svg.paths.contains(colour), qPrintable(colour));
            int points = 0;
            for (const int n : svg.paths[colour])
                points += n;
            qsizetype expected = 0;
            for (const auto& run : drawn->drawnRuns(i))
                expected += run.size();
            QCOMPARE(points, int(expected));
            QVERIFY(points > 500);
        }

        // PNG by its name, at the size chosen, the title line on top.
        const QString pngPath = m_dir.filePath(QStringLiteral("shown.png"));
        answerNextFileDialog(pngPath, QStringLiteral("*.png"));
        exportChart->trigger();
        QImage png;
        QVERIFY2(png.load(pngPath, "PNG"), qPrintable(window->statusText()));
        QCOMPARE(png.size(), QSize(1600, 900));
        const QRgb base = window->chartView()->palette().color(QPalette::Base).rgb();
        int titlePixels = 0;
        for (int y = 0; y < captionHeight(); ++y) {
            for (int x = 0; x < 600; ++x)
                titlePixels += png.pixel(x, y) != base ? 1 : 0;
        }
        QVERIFY2(titlePixels > 200, qPrintable(QString::number(titlePixels)));

        // The other sizes offered: as shown (at the screen's pixel ratio) and one's own.
        QVERIFY(exports->setChartSize(QStringLiteral("shown")));
        QCOMPARE(exports->chartSize().size, window->chartArea()->size());
        QVERIFY(exports->setChartSize(QStringLiteral("1000x600")));
        const QString smallPath = m_dir.filePath(QStringLiteral("small.png"));
        answerNextFileDialog(smallPath, QStringLiteral("*.png"));
        exportChart->trigger();
        QVERIFY(png.load(smallPath, "PNG"));
        QCOMPARE(png.size(), QSize(1000, 600));
        QVERIFY(!exports->setChartSize(QStringLiteral("10x10")));
        QVERIFY(!exports->setChartSize(QStringLiteral("wide")));
        QCOMPARE(exports->chartSize().size, QSize(1000, 600));
        // Remembered for the next window.
        QCOMPARE(ExportActions({ nullptr, nullptr, window->chartArea(), {} }, {}, window.get()).chartSize().size,
            QSize(1000, 600));
        QVERIFY(exports->setChartSize(QStringLiteral("1600x900")));

        // A file that cannot be written is reported and nothing else changes.
        QString error;
        QVERIFY(!saveChart(*window->chartView(), m_dir.filePath(QStringLiteral("no/such/dir/x.svg")), &error));
        QVERIFY(!error.isEmpty());
    }

    void missingValuesAreDrawnAsAGap()
    {
        auto window = openFile(writeGappedFile());
        MetricChartView* chart = window->chartView();
        QTRY_VERIFY(chart->chart()->plotArea().width() > 200);
        const auto runs = chart->drawnRuns(0);
        QCOMPARE(runs.size(), std::size_t(2));
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-01-01T00:00:00Z"), Qt::ISODate);
        const auto minuteOf = [&](const QPointF& p) {
            return std::llround((p.x() - double(start.toMSecsSinceEpoch())) / 60'000.0
                + QDateTime::fromMSecsSinceEpoch(qint64(p.x())).offsetFromUtc() / 60.0);
        };
        QCOMPARE(minuteOf(runs[0].last()), 79LL);
        QCOMPARE(minuteOf(runs[1].first()), 120LL);

        // Zoomed out over a gap narrower than a pixel column, the line is drawn whole.
        const QString narrow = m_dir.filePath(QStringLiteral("narrow.csv"));
        QFile file(narrow);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("timestamp,latency\n");
        for (int i = 0; i < 20'000; ++i)
            file.write(start.addSecs(60 * i).toString(Qt::ISODate).toUtf8() + ','
                + (i == 10'000 ? QByteArray() : QByteArray::number(i % 7)) + '\n');
        file.close();
        auto zoomedOut = openFile(narrow);
        QTRY_VERIFY(zoomedOut->chartView()->chart()->plotArea().width() > 200);
        QCOMPARE(zoomedOut->chartView()->drawnRuns(0).size(), std::size_t(1));
    }

    void gapIsBrokenInTheDrawing_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("file");
        QTest::addRow("light") << false << QStringLiteral("gap.svg");
        QTest::addRow("dark") << true << QStringLiteral("gap-dark.svg");
    }

    // The drawing has the line's break: two paths in the series' colour, in either theme.
    void gapIsBrokenInTheDrawing()
    {
        QFETCH(bool, dark);
        QFETCH(QString, file);
        auto window = openFile(writeGappedFile());
        const QString path = m_dir.filePath(file);
        QString error;
        QVERIFY2(renderChartFile(window->dataset(), std::make_shared<const std::vector<od::Detection>>(1),
                     QSize(800, 400), { TimeDisplay::Utc, dark, {}, {} }, path, &error),
            qPrintable(error));
        const SvgStrokes svg = readSvg(path);
        QVERIFY(svg.isSvg);
        QCOMPARE(svg.paths.value(seriesColour(0, dark).name()).size(), 2);
    }
};

int main(int argc, char** argv)
{
    // Before anything reads the zone: a fixed offset with no daylight saving.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
    QApplication app(argc, argv);
    TestViewOptions test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_viewoptions.moc"
