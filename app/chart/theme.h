#pragma once
// Light and dark colours for the whole app: follow the system's palette, or force light or
// dark. The chart picks its own colours from the palette it is given (see MetricChartView), so
// everything that follows the palette follows this choice.

#include <QColor>
#include <QPalette>
#include <QString>

enum class ThemeChoice { System, Light, Dark };

// Sets the application palette: the platform's own for System (and keeps following it when the
// desktop changes), else a fixed light or dark one with the Fusion style, which honours every
// palette role. Needs a QApplication.
void applyTheme(ThemeChoice choice);

QPalette lightPalette();
QPalette darkPalette();
// Whether text is light on a dark window, whoever chose the palette.
bool isDarkPalette(const QPalette& palette);
// Error text that stands out on the palette's window colour.
QColor errorTextColour(const QPalette& palette);

// The settings key and its values ("system", "light", "dark"); anything else reads as System.
inline constexpr const char* kThemeKey = "view/theme";
QString themeToString(ThemeChoice choice);
ThemeChoice themeFromString(const QString& text);
