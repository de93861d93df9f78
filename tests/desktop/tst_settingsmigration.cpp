// The one-time settings move: an install that stored the old live default (rolling) starts on
// alarm once; what the user chooses after that move stays.
#include "core/detect/detector.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/panes/stock/stockdetectorbar.h"
#include "desktop/settingsmigration.h"

#include <QComboBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace {
const QString kMethodKey = QStringLiteral("stock/method");
const QString kVersionKey = QStringLiteral("settings/version");
} // namespace

class TestSettingsMigration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settingsmigration"));
    }
    void init() { QSettings().clear(); }

    void storedMethod_data()
    {
        QTest::addColumn<QVariant>("version"); // invalid: no version key (an install before the moves)
        QTest::addColumn<QVariant>("method"); // invalid: no method stored
        QTest::addColumn<QVariant>("expectedMethod");
        QTest::addColumn<int>("expectedVersion");
        const QVariant none;
        const QString rolling = QStringLiteral("rolling"), alarm = QStringLiteral("alarm");
        const QString mad = QStringLiteral("rolling-mad");
        QTest::newRow("old install on the old default moves") << none << QVariant(rolling) << QVariant(alarm) << 1;
        QTest::newRow("old install on rolling-mad keeps it") << none << QVariant(mad) << QVariant(mad) << 1;
        QTest::newRow("old install on alarm keeps it") << none << QVariant(alarm) << QVariant(alarm) << 1;
        QTest::newRow("nothing stored: nothing written but the version") << none << none << none << 1;
        QTest::newRow("rolling chosen after the move stays")
            << QVariant(1) << QVariant(rolling) << QVariant(rolling) << 1;
        QTest::newRow("a newer build's settings are left alone")
            << QVariant(2) << QVariant(rolling) << QVariant(rolling) << 2;
    }
    void storedMethod()
    {
        QFETCH(QVariant, version);
        QFETCH(QVariant, method);
        QFETCH(QVariant, expectedMethod);
        QFETCH(int, expectedVersion);
        {
            QSettings settings;
            if (version.isValid())
                settings.setValue(kVersionKey, version);
            if (method.isValid())
                settings.setValue(kMethodKey, method);
        }
        QSettings settings;
        migrateSettings(settings);
        QCOMPARE(settings.value(kMethodKey), expectedMethod);
        QCOMPARE(settings.value(kVersionKey).toInt(), expectedVersion);
    }

    // The window's detector: rolling left at its default k moves to alarm at alarm's default;
    // a k the user typed says rolling was chosen.
    void windowDetector_data()
    {
        QTest::addColumn<QVariant>("threshold"); // invalid: none stored
        QTest::addColumn<QString>("expectedMethod");
        QTest::addColumn<QVariant>("expectedThreshold");
        const double rollingK = od::findMethod("rolling")->defaultThreshold;
        QTest::newRow("rolling at its default k moves") << QVariant(rollingK) << "alarm" << QVariant();
        QTest::newRow("rolling with no k stored moves") << QVariant() << "alarm" << QVariant();
        QTest::newRow("rolling with a typed k stays")
            << QVariant(rollingK + 0.5) << "rolling" << QVariant(rollingK + 0.5);
    }
    void windowDetector()
    {
        QFETCH(QVariant, threshold);
        QFETCH(QString, expectedMethod);
        QFETCH(QVariant, expectedThreshold);
        {
            QSettings settings;
            settings.setValue(QStringLiteral("detector/method"), QStringLiteral("rolling"));
            if (threshold.isValid())
                settings.setValue(QStringLiteral("detector/threshold"), threshold);
        }
        QSettings settings;
        migrateSettings(settings);
        QCOMPARE(settings.value(QStringLiteral("detector/method")).toString(), expectedMethod);
        QCOMPARE(settings.value(QStringLiteral("detector/threshold")).toDouble(), expectedThreshold.toDouble());
        QCOMPARE(settings.contains(QStringLiteral("detector/threshold")), expectedThreshold.isValid());
    }

    // A method stored without a threshold (a settings file written by hand) opens at that
    // method's default threshold, not at the default method's.
    void methodWithoutAThresholdOpensAtItsDefault()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("detector/method"), QStringLiteral("hampel"));
        DetectorPanel panel;
        panel.restoreSettings(settings);
        QCOMPARE(panel.choice().method, QStringLiteral("hampel"));
        QCOMPARE(panel.choice().threshold, od::findMethod("hampel")->defaultThreshold);
        // With a threshold stored, that one.
        settings.setValue(QStringLiteral("detector/threshold"), 4.5);
        panel.restoreSettings(settings);
        QCOMPARE(panel.choice().threshold, 4.5);
    }

    // Through the live pane's bar, start after start: moved once, then the user's choice holds.
    void barStartsOnAlarmOnceThenKeepsTheChoice()
    {
        QSettings().setValue(kMethodKey, QStringLiteral("rolling")); // written by an old version
        {
            QSettings settings;
            migrateSettings(settings);
        }
        {
            StockDetectorBar bar(4000);
            QCOMPARE(bar.settings().method, od::OnlineMethod::Alarm);
            auto* combo = bar.findChild<QComboBox*>(QStringLiteral("stockMethodCombo"));
            QVERIFY(combo);
            combo->setCurrentIndex(combo->findData(QStringLiteral("rolling"))); // the user picks rolling
            QCOMPARE(bar.settings().method, od::OnlineMethod::RollingZScore);
        }
        {
            QSettings settings; // the next start
            migrateSettings(settings);
        }
        StockDetectorBar bar(4000);
        QCOMPARE(bar.settings().method, od::OnlineMethod::RollingZScore);
    }
};

QTEST_MAIN(TestSettingsMigration)
#include "tst_settingsmigration.moc"
