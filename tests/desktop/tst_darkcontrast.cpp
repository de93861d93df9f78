// The dark theme, measured from pixels: each mark a control shows when it is on (radio dot,
// check mark, the Follow Changes tick, a menu's radio dot, a series' tick, the connection dot)
// stands 3:1 against what it is drawn on, and the red and green status texts 4.5:1 against
// their background (WCAG 2.1: 1.4.11 non-text contrast, 1.4.3 text contrast). The widgets are
// the app's own, drawn by the style the Dark choice sets; each ratio is printed.

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/mainwindow.h"
#include "desktop/models/serieslistmodel.h"
#include "desktop/panes/upload/uploadpane.h"
#include "window_fixture.h"

#include "rpc/server/server.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHash>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRadioButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

namespace {

// WCAG 2.1 relative luminance of an sRGB colour.
double luminance(QRgb rgb)
{
    const auto linear = [](int channel) {
        const double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(qRed(rgb)) + 0.7152 * linear(qGreen(rgb)) + 0.0722 * linear(qBlue(rgb));
}

double contrast(QRgb a, QRgb b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QImage picture(QWidget* widget)
{
    return widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

QRgb mostFrequent(const QList<QRgb>& pixels)
{
    QHash<QRgb, int> counts;
    QRgb best = 0;
    int most = 0;
    for (const QRgb p : pixels) {
        if (++counts[p] > most) {
            most = counts[p];
            best = p;
        }
    }
    return best;
}

// A mark is what changes between the control off and on. What it is drawn on is the colour
// most of those pixels had while off; the mark's colour is its pixel that stands out most.
// Antialiased edges are lower, so the core of the mark decides, as the eye sees it.
struct Measure
{
    double ratio = 0;
    int pixels = 0;
};
Measure markContrast(const QImage& on, const QImage& off)
{
    Measure m;
    if (on.size() != off.size())
        return m;
    QList<QRgb> under;
    QList<QRgb> mark;
    for (int y = 0; y < on.height(); ++y) {
        for (int x = 0; x < on.width(); ++x) {
            if (on.pixel(x, y) != off.pixel(x, y)) {
                under << off.pixel(x, y);
                mark << on.pixel(x, y);
            }
        }
    }
    m.pixels = int(mark.size());
    const QRgb background = mostFrequent(under);
    for (const QRgb p : mark)
        m.ratio = std::max(m.ratio, contrast(p, background));
    return m;
}

// Text on a plain background: the background is the picture's most frequent colour, the text
// its pixel that stands out most.
double textContrast(const QImage& image)
{
    QList<QRgb> pixels;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            pixels << image.pixel(x, y);
    }
    const QRgb background = mostFrequent(pixels);
    double ratio = 0;
    for (const QRgb p : pixels)
        ratio = std::max(ratio, contrast(p, background));
    return ratio;
}

// A popup menu as drawn with `on` set one way and then the other.
std::pair<QImage, QImage> menuPictures(QMenu* menu, const std::function<void(bool)>& set)
{
    std::pair<QImage, QImage> pictures;
    for (const bool on : { true, false }) {
        set(on);
        menu->popup(QPoint(10, 10));
        if (!QTest::qWaitForWindowExposed(menu))
            qWarning("menu not exposed");
        (on ? pictures.first : pictures.second) = picture(menu);
        menu->hide();
    }
    return pictures;
}

} // namespace

class TestDarkContrast : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static void report(const char* what, double ratio) { qInfo("%-34s %.2f:1", what, ratio); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.path(), QStringLiteral("tst_darkcontrast"));
        // As the user leaves it: every window made here reads the choice and applies it.
        QSettings().setValue(QLatin1String(kThemeKey), themeToString(ThemeChoice::Dark));
        applyTheme(ThemeChoice::Dark);
    }

    void controlMarks()
    {
        auto window = windowWithFile(QStringLiteral(OD_SAMPLE));
        QVERIFY(isDarkPalette(QApplication::palette()));
        QRadioButton* local = nullptr;
        QRadioButton* remote = nullptr;
        for (QRadioButton* b : window->findChildren<QRadioButton*>()) {
            (b->text() == QStringLiteral("&Local") ? local : remote) = b;
        }
        QVERIFY(local && remote);

        // Radio dot: the Local button on, then off (Remote on), the same widget drawn both ways.
        local->setChecked(true);
        const QImage radioOn = picture(local);
        {
            const QSignalBlocker quiet(remote); // no remote detection is started by this
            remote->setChecked(true);
        }
        const QImage radioOff = picture(local);
        local->setChecked(true);
        const Measure radio = markContrast(radioOn, radioOff);
        report("radio dot (Local)", radio.ratio);
        QVERIFY2(radio.pixels > 4, "the radio dot changed no pixels");
        QVERIFY2(radio.ratio >= 3.0, qPrintable(QString::number(radio.ratio)));

        // The rim of an unchecked radio button and check box, against what is around them: the
        // control must be seen before it is on (Remote is off here).
        const auto rimContrast = [](QWidget* button, QStyle::SubElement indicator) {
            QStyleOptionButton option;
            option.initFrom(button);
            const QRect box = button->style()->subElementRect(indicator, &option, button);
            const QImage image = picture(button);
            const QRgb around = image.pixel(box.right() + 2, box.center().y());
            double ratio = 0;
            for (int y = box.top(); y <= box.bottom(); ++y) {
                for (int x = box.left(); x <= box.right(); ++x)
                    ratio = std::max(ratio, contrast(image.pixel(x, y), around));
            }
            return ratio;
        };
        const double radioRim = rimContrast(remote, QStyle::SE_RadioButtonIndicator);
        report("radio button rim (unchecked)", radioRim);
        QVERIFY2(radioRim >= 3.0, qPrintable(QString::number(radioRim)));

        // Check mark: the detector panel's check box.
        // The detector panel's "Same method on the server", shown as in Remote mode.
        QCheckBox* check = nullptr;
        for (QCheckBox* c : window->findChildren<QCheckBox*>()) {
            if (c->text().startsWith(QStringLiteral("&Same method")))
                check = c;
        }
        QVERIFY(check);
        check->show();
        const QSignalBlocker quietCheck(check);
        check->setEnabled(true);
        check->setChecked(true);
        const QImage checkOn = picture(check);
        check->setChecked(false);
        const double checkRim = rimContrast(check, QStyle::SE_CheckBoxIndicator);
        report("check box rim (unchecked)", checkRim);
        QVERIFY2(checkRim >= 3.0, qPrintable(QString::number(checkRim)));
        const Measure mark = markContrast(checkOn, picture(check));
        report("check mark", mark.ratio);
        QVERIFY(mark.pixels > 4);
        QVERIFY2(mark.ratio >= 3.0, qPrintable(QString::number(mark.ratio)));

        // The Follow Changes tick in the File menu.
        QAction* follow = window->findChild<QAction*>(QStringLiteral("followAction"));
        QVERIFY(follow && follow->isEnabled());
        auto* fileMenu = window->menuBar()->actions().first()->menu();
        const auto [tickOn, tickOff] = menuPictures(fileMenu, [follow](bool on) {
            const QSignalBlocker quiet(follow); // drawn ticked without following the file
            follow->setChecked(on);
        });
        const Measure tick = markContrast(tickOn, tickOff);
        report("Follow Changes tick", tick.ratio);
        QVERIFY(tick.pixels > 4);
        QVERIFY2(tick.ratio >= 3.0, qPrintable(QString::number(tick.ratio)));

        // A menu's radio dot: View > Theme > Dark, chosen and not.
        auto* themeMenu = window->findChild<QMenu*>(QStringLiteral("themeMenu"));
        QAction* dark = window->findChild<QAction*>(QStringLiteral("themeDarkAction"));
        QAction* light = window->findChild<QAction*>(QStringLiteral("themeLightAction"));
        QVERIFY(themeMenu && dark && light);
        const auto [dotOn, dotOff] = menuPictures(themeMenu, [dark, light](bool on) {
            const QSignalBlocker quietDark(dark), quietLight(light); // the look only, no theme change
            (on ? dark : light)->setChecked(true);
        });
        const Measure menuDot = markContrast(dotOn, dotOff);
        report("menu radio dot (Theme > Dark)", menuDot.ratio);
        QVERIFY(menuDot.pixels > 4);
        QVERIFY2(menuDot.ratio >= 3.0, qPrintable(QString::number(menuDot.ratio)));

        // A series' tick in the series list.
        auto* list = window->findChild<QTableView*>(QStringLiteral("seriesView"));
        QVERIFY(list);
        const QImage shown = picture(list->viewport());
        window->seriesModel()->setData(window->seriesModel()->index(0, 0), Qt::Unchecked, Qt::CheckStateRole);
        const QImage hidden = picture(list->viewport());
        window->seriesModel()->setData(window->seriesModel()->index(0, 0), Qt::Checked, Qt::CheckStateRole);
        const Measure seriesTick = markContrast(shown, hidden);
        report("series list tick", seriesTick.ratio);
        QVERIFY(seriesTick.pixels > 4);
        QVERIFY2(seriesTick.ratio >= 3.0, qPrintable(QString::number(seriesTick.ratio)));
    }

    void statusTexts()
    {
        // Red: the status bar's error after a file that cannot be read.
        auto window = shownWindow();
        QVERIFY(isDarkPalette(QApplication::palette()));
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ m_dir.filePath(QStringLiteral("missing.csv")) });
        QVERIFY(loaded.wait(10'000));
        auto* message = window->findChild<QLabel*>(QStringLiteral("statusMessage"));
        QVERIFY(message && message->text().contains(QStringLiteral("missing.csv")));
        const double statusRed = textContrast(picture(message));
        report("status bar error text", statusRed);
        QVERIFY2(statusRed >= 4.5, qPrintable(QString::number(statusRed)));

        // Green and red in the Upload pane, against a real server; and the connection dot.
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        auto server = od::rpc::Server::start(options);
        QVERIFY(server.ok());
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg((*server)->port());
        ChannelProvider channels;
        QWidget page;
        page.resize(600, 300);
        auto* pane = new UploadPane(
            &channels, [endpoint] { return endpoint; }, &page);
        pane->resize(600, 200);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* verdict = pane->findChild<QLabel*>(QStringLiteral("uploadVerdict"));
        pane->upload(); // nothing to upload: said in red
        QVERIFY(verdict->text().startsWith(QStringLiteral("No series")));
        const double uploadRed = textContrast(picture(verdict));
        report("upload pane error text", uploadRed);
        QVERIFY2(uploadRed >= 4.5, qPrintable(QString::number(uploadRed)));

        auto values = std::make_shared<Dataset>();
        od::Series series;
        series.name = "values";
        series.values = { 1, 2, 3 };
        series.times = { 0, 1, 2 };
        values->series.push_back(std::move(series));
        pane->setDataset(values);
        QSignalSpy finished(pane, &UploadPane::uploadFinished);
        pane->upload(0);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(verdict->text()));
        const double uploadGreen = textContrast(picture(verdict));
        report("upload pane agreement text", uploadGreen);
        QVERIFY2(uploadGreen >= 4.5, qPrintable(QString::number(uploadGreen)));

        // The connection dot, ready after that upload and with no endpoint at all.
        ChannelStateIndicator ready(
            &channels, [endpoint] { return endpoint; }, &page);
        ready.show();
        ready.refresh();
        QTRY_COMPARE(ready.stateText(), QStringLiteral("ready"));
        // The dot is the indicator's small square label; it is drawn on the indicator's window.
        QLabel* dot = nullptr;
        for (QLabel* label : ready.findChildren<QLabel*>()) {
            if (label->width() == label->height())
                dot = label;
        }
        QVERIFY(dot);
        const QImage indicator = picture(&ready);
        const QRgb dotColour = indicator.pixel(dot->geometry().center());
        const QRgb around = indicator.pixel(dot->geometry().right() + 2, dot->geometry().center().y());
        const double readyDot = contrast(dotColour, around);
        report("connection dot (ready)", readyDot);
        QVERIFY2(readyDot >= 3.0, qPrintable(QString::number(readyDot)));
        (*server)->shutdown(std::chrono::milliseconds(200));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestDarkContrast test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_darkcontrast.moc"
