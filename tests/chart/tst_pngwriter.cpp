// The PNG writer that encodes a picture on two threads (chart/pngwriter.h): what Qt reads back
// is the picture to the pixel, at every size (one row, one pixel, odd widths, halves of
// different heights), for noise, flat areas and a drawn chart; a picture that is not opaque is
// left to Qt's writer; the dots per metre are kept.

#include "chart/pngwriter.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <random>

namespace {

QImage noise(QSize size, unsigned seed)
{
    QImage image(size, QImage::Format_RGB32);
    std::mt19937 rng(seed);
    for (int y = 0; y < size.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            line[x] = 0xff000000u | (rng() & 0xffffffu);
    }
    return image;
}

// Lines, flat areas and soft edges, as a chart has.
QImage drawing(QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(QRect(size.width() / 5, 0, size.width() / 7, size.height()), QColor(250, 210, 210));
    painter.setPen(QPen(QColor(31, 119, 180), 1.5));
    QPointF last(0, size.height() / 2.0);
    for (int x = 1; x < size.width(); x += 3) {
        const QPointF next(x, size.height() / 2.0 + (x * 7919 % 97 - 48) * size.height() / 120.0);
        painter.drawLine(last, next);
        last = next;
    }
    painter.setBrush(Qt::red);
    painter.drawEllipse(QPointF(size.width() / 3.0, size.height() / 4.0), 4.5, 4.5);
    return image;
}

} // namespace

class TestPngWriter : public QObject
{
    Q_OBJECT

private slots:
    void readsBackThePixels_data()
    {
        QTest::addColumn<QImage>("image");
        QTest::newRow("one pixel") << noise(QSize(1, 1), 1);
        QTest::newRow("one row") << noise(QSize(37, 1), 2);
        QTest::newRow("one column") << noise(QSize(1, 9), 3);
        QTest::newRow("odd sizes, noise") << noise(QSize(17, 5), 4);
        QTest::newRow("noise, wider than a vector") << noise(QSize(301, 203), 5);
        QImage flat(QSize(64, 64), QImage::Format_RGB32);
        flat.fill(QColor(30, 40, 50));
        QTest::newRow("flat") << flat;
        QTest::newRow("a drawn chart") << drawing(QSize(1280, 720));
        QTest::newRow("a tall drawing: the second half beyond a window back") << drawing(QSize(40, 2001));
    }

    void readsBackThePixels()
    {
        QFETCH(QImage, image);
        QByteArray png("kept");
        QVERIFY(writeOpaquePng(image, 4, png));
        QVERIFY(png.startsWith("kept\x89PNG\r\n\x1a\n"));
        QImage back;
        QVERIFY(back.loadFromData(png.mid(4), "PNG"));
        QCOMPARE(back.size(), image.size());
        QVERIFY(!back.hasAlphaChannel()); // written as RGB
        QCOMPARE(back.convertToFormat(QImage::Format_RGB32), image.convertToFormat(QImage::Format_RGB32));
    }

    void aboutAsSmallAsQtsWriter()
    {
        // The same filters and level as libpng's: no bigger to speak of for being in two halves.
        const QImage image = drawing(QSize(1280, 720)).convertToFormat(QImage::Format_RGB32);
        QByteArray ours, qts;
        QVERIFY(writeOpaquePng(image, 4, ours));
        QBuffer buffer(&qts);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG", 50)); // zlib level 4
        QVERIFY2(ours.size() < qts.size() * 21 / 20,
            qPrintable(QStringLiteral("%1 vs %2").arg(ours.size()).arg(qts.size())));
    }

    void leavesSeeThroughToQt()
    {
        QImage image = drawing(QSize(50, 30));
        image.setPixel(49, 29, qRgba(0, 0, 0, 0));
        QByteArray png("kept");
        QVERIFY(!writeOpaquePng(image, 4, png));
        QCOMPARE(png, QByteArray("kept"));
        QVERIFY(!writeOpaquePng(QImage(), 4, png));
        QVERIFY(!writeOpaquePng(QImage(QSize(4, 4), QImage::Format_Grayscale8), 4, png));
        QCOMPARE(png, QByteArray("kept"));
    }

    void keepsDotsPerMetre()
    {
        QImage image = drawing(QSize(60, 40));
        image.setDotsPerMeterX(7874);
        image.setDotsPerMeterY(3937);
        QByteArray png;
        QVERIFY(writeOpaquePng(image, 4, png));
        const QImage back = QImage::fromData(png, "PNG");
        QCOMPARE(back.dotsPerMeterX(), 7874);
        QCOMPARE(back.dotsPerMeterY(), 3937);
    }
};

QTEST_MAIN(TestPngWriter)
#include "tst_pngwriter.moc"
