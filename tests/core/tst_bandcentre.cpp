// A per-point band's centre, stored or worked out: alarm's centre is the middle of its band and
// is not stored (8 bytes a point), yet reads the same through centreAt(); a band that arrives
// with its centre spelled out drops it only where every entry is exactly that middle.

#include "core/detect/detector.h"
#include "core/detection.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using bitstest::sameBitsOrNaN;

using Values = std::vector<double>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestBandCentre : public QObject
{
    Q_OBJECT

private slots:
    void alarmWorksItsCentreOut()
    {
        std::mt19937 rng(18);
        std::normal_distribution<double> noise(100, 5);
        Values v(20'000);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = i % 3001 == 2000 ? 400 : i % 997 == 5 ? kNaN : noise(rng);
        const auto d = od::detect(v, {}, od::defaultParams("alarm"));
        QVERIFY(d.ok());
        QVERIFY(!d->indices.empty());
        QVERIFY(d->bandCentre.empty());
        QCOMPARE(d->bandCentre.capacity(), 0u);
        QVERIFY(d->bandCentreIsMiddle);
        QVERIFY(d->hasBandPerPoint());
        QCOMPARE(d->bandLower.size(), v.size());
        std::size_t banded = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const double middle = (d->bandLower[i] + d->bandUpper[i]) / 2;
            QVERIFY(sameBitsOrNaN(d->centreAt(i), middle));
            banded += !std::isnan(middle);
        }
        QVERIFY(banded > v.size() / 2);
        // Past the band: the constant centre, as for any per-point rule.
        QVERIFY(sameBitsOrNaN(d->centreAt(v.size()), d->centre));
    }

    void dropMiddleCentres_data()
    {
        QTest::addColumn<Values>("centre");
        QTest::addColumn<Values>("lower");
        QTest::addColumn<Values>("upper");
        QTest::addColumn<bool>("dropped");
        QTest::addRow("the middle everywhere")
            << Values { 2, 5.5, -1 } << Values { 1, 5, -3 } << Values { 3, 6, 1 } << true;
        QTest::addRow("NaN where the band is")
            << Values { kNaN, 2 } << Values { kNaN, 1 } << Values { kNaN, 3 } << true;
        const double off = std::nextafter(2.0, 3.0);
        QTest::addRow("one centre an ulp off") << Values { 2, off } << Values { 1, 1 } << Values { 3, 3 } << false;
        QTest::addRow("a centre where the band is NaN")
            << Values { 2, 2 } << Values { 1, kNaN } << Values { 3, 3 } << false;
        QTest::addRow("minus zero for zero") << Values { -0.0 } << Values { -1 } << Values { 1 } << false;
        QTest::addRow("lengths differ") << Values { 2, 2 } << Values { 1 } << Values { 3 } << false;
        QTest::addRow("no band") << Values {} << Values {} << Values {} << false;
    }

    void dropMiddleCentres()
    {
        QFETCH(Values, centre);
        QFETCH(Values, lower);
        QFETCH(Values, upper);
        QFETCH(bool, dropped);
        od::Detection d;
        d.centre = 7;
        d.bandCentre = centre;
        d.bandLower = lower;
        d.bandUpper = upper;
        const od::Detection before = d;
        d.dropMiddleCentres();
        QCOMPARE(d.bandCentre.empty(), dropped || centre.empty());
        QCOMPARE(d.bandCentreIsMiddle, dropped);
        QCOMPARE(d.hasBandPerPoint(), before.hasBandPerPoint());
        for (std::size_t i = 0; i <= centre.size(); ++i)
            QVERIFY2(sameBitsOrNaN(d.centreAt(i), before.centreAt(i)), qPrintable(QString("point %1").arg(i)));
    }
};

QTEST_MAIN(TestBandCentre)
#include "tst_bandcentre.moc"
