#pragma once
// Light and dark colours for the whole app: follow the system's palette, or force light or
// dark. The chart picks its own colours from the palette it is given (see MetricChartView), so
// everything that follows the palette follows this choice.

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstddef>

class QChart;

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
// Text that says all went well (green), as readable as the error text. Both keep WCAG's 4.5:1
// against the window colour of the light and the dark palette (tests/desktop/tst_darkcontrast).
QColor okTextColour(const QPalette& palette);
// The dot that shows a state at a glance: a control, so 3:1 against the window colour.
enum class StateTone { Good, Busy, Bad, Idle, Closed };
QColor stateDotColour(StateTone tone, const QPalette& palette);

// The charts' palette, one for the metric chart and the live stock chart alike, so a symbol
// looks like a series. A series' line colour on a light or a dark background (it keeps its hue
// across themes); without `dark`, for the application's palette.
QColor seriesColour(std::size_t series, bool dark);
QColor seriesColour(std::size_t series);
// The red of the outlier markers, distinct from every series colour.
QColor outlierColour(bool dark);
// Gives chart Qt's light or dark chart theme by the palette, on the palette's base colour like
// the tables beside it; on dark, the grid recedes behind the lines. The theme resets every
// series' colours: set them again after this.
void applyChartPalette(QChart* chart, const QPalette& palette);

// The settings key and its values ("system", "light", "dark"); anything else reads as System.
inline constexpr const char* kThemeKey = "view/theme";
QString themeToString(ThemeChoice choice);
ThemeChoice themeFromString(const QString& text);
