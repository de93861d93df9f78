#include "chart/theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QPainter>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

namespace {

// Distinct from each other and from the red of the outlier markers.
const QColor kLineColours[]
    = { QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd), QColor(0x17, 0xbe, 0xcf),
          QColor(0x8c, 0x56, 0x4b), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x39, 0x3b, 0x79) };
// The same hues, lighter, for a dark background; a series keeps its hue across themes.
const QColor kDarkLineColours[]
    = { QColor(0x4d, 0xa6, 0xf0), QColor(0x52, 0xcc, 0x52), QColor(0xb7, 0x94, 0xf0), QColor(0x3d, 0xd8, 0xe8),
          QColor(0xd0, 0x9a, 0x86), QColor(0xb4, 0xb4, 0xb4), QColor(0xdc, 0xdc, 0x4c), QColor(0x96, 0x9a, 0xf0) };
const QColor kOutlierColour(0xe0, 0x10, 0x10);
const QColor kDarkOutlierColour(0xff, 0x3c, 0x3c);

// The style the platform gave the app, to return to when the choice goes back to System.
QString platformStyleName()
{
    static const QString name = QApplication::style() ? QApplication::style()->name() : QString();
    return name;
}

// Fusion with the rim of check boxes and radio buttons drawn light on a dark palette. Fusion
// outlines them a shade darker than the window, which on a dark window leaves an unchecked
// box or radio button nearly invisible (1.2:1); the rim here keeps 3:1 (WCAG's non-text contrast).
class ReadableIndicatorStyle : public QProxyStyle
{
public:
    ReadableIndicatorStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    { }

    void drawPrimitive(
        PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        const bool radio = element == PE_IndicatorRadioButton;
        if ((!radio && element != PE_IndicatorCheckBox) || !isDarkPalette(option->palette))
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(option->state & State_Enabled ? QColor(0x9a, 0x9d, 0xa3) : QColor(0x6a, 0x6d, 0x72), 1.0));
        painter->setBrush(Qt::NoBrush);
        const QRectF rim = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
        if (radio)
            painter->drawEllipse(rim);
        else
            painter->drawRoundedRect(rim, 1.5, 1.5);
        painter->restore();
    }
};

void useStyle(const QString& name)
{
    if (name.isEmpty()
        || (QApplication::style() && QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0))
        return;
    QApplication::setStyle(name);
}

} // namespace

void applyTheme(ThemeChoice choice)
{
    const QString platform = platformStyleName();
    switch (choice) {
    case ThemeChoice::System:
        if (dynamic_cast<ReadableIndicatorStyle*>(QApplication::style()))
            QApplication::setStyle(platform.isEmpty() ? QStringLiteral("Fusion") : platform);
        useStyle(platform);
        // A palette with no role set resolves every role against the platform's palette, and
        // goes on doing so when the desktop switches between light and dark.
        QApplication::setPalette(QPalette());
        return;
    case ThemeChoice::Light:
        if (dynamic_cast<ReadableIndicatorStyle*>(QApplication::style()))
            QApplication::setStyle(QStringLiteral("Fusion"));
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        return;
    case ThemeChoice::Dark:
        if (!dynamic_cast<ReadableIndicatorStyle*>(QApplication::style()))
            QApplication::setStyle(new ReadableIndicatorStyle); // the application owns it
        QApplication::setPalette(darkPalette());
        return;
    }
}

QPalette lightPalette()
{
    // Fusion's own palette: the light one Qt apps have without a desktop theme.
    static const QPalette palette = [] {
        QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        const QPalette p = fusion ? fusion->standardPalette() : QPalette(Qt::lightGray);
        delete fusion;
        return p;
    }();
    return palette;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1f, 0x20, 0x23), text(0xe4, 0xe6, 0xea);
    const QColor disabledText(0x80, 0x82, 0x86);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x29, 0x2b, 0x2f));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4b, 0x4e, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x47));
    p.setColor(QPalette::Mid, QColor(0x34, 0x36, 0x3a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0e, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xff));
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x48, 0x4d));
    return p;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor errorTextColour(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xb0, 0x00, 0x00);
}

QColor okTextColour(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0x5c, 0xd0, 0x7a) : QColor(0x1b, 0x5e, 0x20);
}

QColor stateDotColour(StateTone tone, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case StateTone::Good:
        return dark ? QColor(0x4c, 0xaf, 0x50) : QColor(0x2e, 0x7d, 0x32);
    case StateTone::Busy:
        return dark ? QColor(0xf9, 0xa8, 0x25) : QColor(0xa8, 0x64, 0x00);
    case StateTone::Bad:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case StateTone::Idle:
        return dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x75, 0x75, 0x75);
    case StateTone::Closed:
        break;
    }
    return dark ? QColor(0x8a, 0x8a, 0x8a) : QColor(0x61, 0x61, 0x61);
}

QColor seriesColour(std::size_t series, bool dark)
{
    return dark ? kDarkLineColours[series % std::size(kDarkLineColours)]
                : kLineColours[series % std::size(kLineColours)];
}

QColor seriesColour(std::size_t series)
{
    return seriesColour(series, isDarkPalette(QApplication::palette()));
}

QColor outlierColour(bool dark)
{
    return dark ? kDarkOutlierColour : kOutlierColour;
}

void applyChartPalette(QChart* chart, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    // The theme colours the background, grid, axes, labels and legend text.
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    if (dark) {
        // The dark theme's grid is nearly as bright as the data; recede it behind the lines.
        for (QAbstractAxis* axis : chart->axes())
            axis->setGridLineColor(QColor(0x45, 0x48, 0x4e));
    }
}

QString themeToString(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeFromString(const QString& text)
{
    if (text == QLatin1String("light"))
        return ThemeChoice::Light;
    if (text == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}
