#include "desktop/settingsmigration.h"

#include "core/detect/detector.h"

#include <QSettings>

namespace {

const char* kVersionKey = "settings/version";

void toVersion1(QSettings& settings)
{
    const char* stockMethodKey = "stock/method";
    if (settings.value(stockMethodKey).toString() == QLatin1String("rolling"))
        settings.setValue(stockMethodKey, QStringLiteral("alarm"));

    // The window's detector bar wrote its method and threshold at every close. The threshold is
    // the chosen method's own knob (rolling's k is not alarm's ratio), so only a rolling left at
    // its default moves; a k the user typed says rolling was chosen, and it stays.
    const char* methodKey = "detector/method";
    const char* thresholdKey = "detector/threshold";
    if (settings.value(methodKey).toString() != QLatin1String("rolling"))
        return;
    const od::MethodInfo* rolling = od::findMethod("rolling");
    const bool defaultK = !settings.contains(thresholdKey)
        || (rolling && settings.value(thresholdKey).toDouble() == rolling->defaultThreshold);
    if (!defaultK)
        return;
    settings.setValue(methodKey, QStringLiteral("alarm"));
    settings.remove(thresholdKey); // alarm starts at its own default threshold
}

} // namespace

void migrateSettings(QSettings& settings)
{
    const int stored = settings.value(kVersionKey, 0).toInt();
    if (stored >= kSettingsVersion)
        return; // current, or written by a newer build: leave its settings as they are
    if (stored < 1)
        toVersion1(settings);
    settings.setValue(kVersionKey, kSettingsVersion);
}
