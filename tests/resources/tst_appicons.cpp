// The application icon and the actions' fallback icons as the app loads them from its
// resources, and the hicolor PNGs rendered from the SVG at build time: each has its size, a
// transparent corner, and the application icon keeps its red outlier marker at every size.

#include <QColor>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>

namespace {

// Where the marker sits on the 128 px grid of resources/icons/outlierdesk.svg.
constexpr double kMarkerX = 78.0 / 128.0;
constexpr double kMarkerY = 30.0 / 128.0;

bool isMarkerRed(const QImage& image)
{
    const QColor c = image.pixelColor(int(kMarkerX * image.width()), int(kMarkerY * image.height()));
    return c.alpha() > 200 && c.red() > 180 && c.green() < 110 && c.blue() < 110;
}

int opaquePixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y).alpha() > 128;
    return n;
}

} // namespace

class TestAppIcons : public QObject
{
    Q_OBJECT

private slots:
    void applicationIcon_data()
    {
        QTest::addColumn<int>("size");
        for (int size : { 16, 22, 32, 48, 64, 128, 256 })
            QTest::addRow("%dpx", size) << size;
    }

    void applicationIcon()
    {
        QFETCH(int, size);
        const QIcon icon(QStringLiteral(":/icons/outlierdesk.svg"));
        QVERIFY2(!icon.isNull(), "the application icon is missing from the resources");
        const QImage image = icon.pixmap(QSize(size, size)).toImage();
        QCOMPARE(image.size(), QSize(size, size));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
        QVERIFY2(isMarkerRed(image), "the outlier marker is not red");
    }

    void renderedPngs_data()
    {
        QTest::addColumn<int>("size");
        for (int size : { 16, 22, 24, 32, 48, 64, 128, 256 })
            QTest::addRow("%dx%d", size, size) << size;
    }

    void renderedPngs()
    {
        QFETCH(int, size);
        const QString path = QStringLiteral(OD_ICON_DIR "/%1x%1/apps/outlierdesk.png").arg(size);
        QImage image;
        QVERIFY2(image.load(path), qPrintable(QStringLiteral("cannot read %1").arg(path)));
        QCOMPARE(image.size(), QSize(size, size));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
        QVERIFY2(isMarkerRed(image), "the outlier marker is not red");
    }

    void actionFallbacks_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : { "document-open", "document-export", "view-refresh", "process-stop", "zoom-in",
                 "zoom-out", "zoom-original" })
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }

    void actionFallbacks()
    {
        QFETCH(QString, name);
        const QIcon icon(QStringLiteral(":/icons/actions/%1.svg").arg(name));
        QVERIFY2(!icon.isNull(), qPrintable(name + QStringLiteral(" is missing from the resources")));
        const QImage image = icon.pixmap(QSize(22, 22)).toImage();
        QCOMPARE(image.size(), QSize(22, 22));
        // Drawn, but not a filled square: some pixels opaque, some not.
        const int opaque = opaquePixels(image);
        QVERIFY2(opaque > 22 && opaque < 22 * 22, qPrintable(QStringLiteral("%1 opaque pixels").arg(opaque)));
    }
};

QTEST_MAIN(TestAppIcons)
#include "tst_appicons.moc"
