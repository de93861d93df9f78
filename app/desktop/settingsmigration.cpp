#include "desktop/settingsmigration.h"

#include <QSettings>

namespace {

const char* kVersionKey = "settings/version";

void toVersion1(QSettings& settings)
{
    const char* methodKey = "stock/method";
    if (settings.value(methodKey).toString() == QLatin1String("rolling"))
        settings.setValue(methodKey, QStringLiteral("alarm"));
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
