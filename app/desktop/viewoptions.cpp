#include "desktop/viewoptions.h"

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QMenu>
#include <QSettings>

namespace {
const char* kStackedKey = "view/stackedCharts";
} // namespace

ViewOptions::ViewOptions(QObject* parent)
    : QObject(parent)
    , m_stackedAction(new QAction(tr("&Stacked Charts"), this))
    , m_utcAction(new QAction(tr("Times in &UTC"), this))
    , m_themeGroup(new QActionGroup(this))
    , m_scaleGroup(new QActionGroup(this))
    , m_alignAction(new QAction(tr("&Align to Each File's Start"), this))
{
    m_stackedAction->setObjectName(QStringLiteral("stackedChartsAction"));
    m_stackedAction->setCheckable(true);
    m_stackedAction->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_stackedAction->setToolTip(
        tr("One chart per series, stacked on a shared time axis; off: every series on one chart"));
    connect(m_stackedAction, &QAction::toggled, this, &ViewOptions::setStackedCharts);

    m_utcAction->setObjectName(QStringLiteral("utcAction"));
    m_utcAction->setCheckable(true);
    m_utcAction->setChecked(true);
    m_utcAction->setShortcut(QKeySequence(tr("Ctrl+T")));
    m_utcAction->setToolTip(tr("Show times in UTC; off: in the local time zone"));
    connect(m_utcAction, &QAction::toggled, this,
        [this](bool utc) { setTimeDisplay(utc ? TimeDisplay::Utc : TimeDisplay::Local); });

    const struct
    {
        ThemeChoice choice;
        QString text;
        const char* name;
    } themes[] = {
        { ThemeChoice::System, tr("&System"), "themeSystemAction" },
        { ThemeChoice::Light, tr("&Light"), "themeLightAction" },
        { ThemeChoice::Dark, tr("&Dark"), "themeDarkAction" },
    };
    for (const auto& t : themes) {
        QAction* action = m_themeGroup->addAction(t.text);
        action->setObjectName(QString::fromLatin1(t.name));
        action->setCheckable(true);
        action->setChecked(t.choice == m_theme);
        action->setData(themeToString(t.choice));
        connect(action, &QAction::triggered, this, [this, choice = t.choice] { chooseTheme(choice); });
    }

    // Series of very different sizes on one chart: each on its own scale, read in real units in
    // the tooltips and tables.
    const struct
    {
        ValueScale scale;
        QString text;
        QString tip;
        QString keys;
    } scales[] = {
        { ValueScale::AsIs, tr("&As Is"), tr("Values as they are, on one shared axis"), tr("Ctrl+Shift+A") },
        { ValueScale::Normalised, tr("&Normalised (0-100%)"),
            tr("Each series from 0% (its least value) to 100% (its greatest)"), tr("Ctrl+Shift+N") },
        { ValueScale::ZScored, tr("&Z-Scored"), tr("Each series as standard deviations from its own mean"),
            tr("Ctrl+Shift+Z") },
    };
    for (const auto& v : scales) {
        QAction* action = m_scaleGroup->addAction(v.text);
        action->setObjectName(QStringLiteral("valueScale-") + valueScaleToString(v.scale));
        action->setCheckable(true);
        action->setChecked(v.scale == m_scale);
        action->setToolTip(v.tip);
        action->setShortcut(QKeySequence(v.keys));
        connect(action, &QAction::triggered, this, [this, scale = v.scale] { setValueScale(scale); });
    }

    m_alignAction->setObjectName(QStringLiteral("alignAction"));
    m_alignAction->setCheckable(true);
    m_alignAction->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    m_alignAction->setToolTip(tr("Count each file's time from its own start (+0 d 00:00), to compare files "
                                 "recorded at different times"));
    connect(m_alignAction, &QAction::toggled, this,
        [this](bool on) { setTimeAlignment(on ? TimeAlignment::FileStart : TimeAlignment::Absolute); });
}

void ViewOptions::setValueScale(ValueScale scale)
{
    for (QAction* action : m_scaleGroup->actions())
        action->setChecked(action->objectName() == QStringLiteral("valueScale-") + valueScaleToString(scale));
    if (scale == m_scale)
        return;
    m_scale = scale;
    emit valueScaleChanged(scale);
}

void ViewOptions::setTimeAlignment(TimeAlignment alignment)
{
    m_alignAction->setChecked(alignment == TimeAlignment::FileStart);
    if (alignment == m_alignment)
        return;
    m_alignment = alignment;
    emit timeAlignmentChanged(alignment);
}

void ViewOptions::addToMenu(QMenu* menu)
{
    menu->addAction(m_stackedAction);
    menu->addAction(m_utcAction);
    QMenu* scales = menu->addMenu(tr("&Value Scale"));
    scales->setObjectName(QStringLiteral("valueScaleMenu"));
    scales->addActions(m_scaleGroup->actions());
    menu->addAction(m_alignAction);
    QMenu* themes = menu->addMenu(tr("&Theme"));
    themes->setObjectName(QStringLiteral("themeMenu"));
    themes->addActions(m_themeGroup->actions());
}

void ViewOptions::setTimeDisplay(TimeDisplay display)
{
    m_utcAction->setChecked(display == TimeDisplay::Utc);
    if (display == m_timeDisplay)
        return;
    m_timeDisplay = display;
    emit timeDisplayChanged(display);
}

void ViewOptions::setStackedCharts(bool stacked)
{
    m_stackedAction->setChecked(stacked);
    if (stacked == m_stacked)
        return;
    m_stacked = stacked;
    emit stackedChartsChanged(stacked);
}

void ViewOptions::chooseTheme(ThemeChoice choice)
{
    m_theme = choice;
    for (QAction* action : m_themeGroup->actions())
        action->setChecked(action->data().toString() == themeToString(choice));
    applyTheme(choice);
}

void ViewOptions::restoreSettings(const QSettings& settings)
{
    chooseTheme(themeFromString(settings.value(kThemeKey).toString()));
    setTimeDisplay(timeDisplayFromString(settings.value(kTimeDisplayKey).toString()));
    setStackedCharts(settings.value(kStackedKey, false).toBool());
    setValueScale(valueScaleFromString(settings.value(kValueScaleKey).toString()));
    setTimeAlignment(timeAlignmentFromString(settings.value(kTimeAlignmentKey).toString()));
}

void ViewOptions::saveSettings(QSettings& settings) const
{
    settings.setValue(kThemeKey, themeToString(m_theme));
    settings.setValue(kTimeDisplayKey, timeDisplayToString(m_timeDisplay));
    settings.setValue(kStackedKey, m_stacked);
    settings.setValue(kValueScaleKey, valueScaleToString(m_scale));
    settings.setValue(kTimeAlignmentKey, timeAlignmentToString(m_alignment));
}
