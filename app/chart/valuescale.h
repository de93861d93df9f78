#pragma once
// How a chart scales its values: as they are, or each series on its own scale so that series of
// very different sizes (taxi demand in tens of thousands next to a CPU percentage) can be read on
// one chart. Only what is drawn is scaled: tooltips, tables and statistics keep real units.

#include "chart/dataset.h"

#include <QString>

enum class ValueScale {
    AsIs,
    Normalised, // each series from 0 (its least value) to 100 (its greatest)
    ZScored, // each series as standard deviations from its mean
};

// What a series' values become when drawn: (value - offset) * factor, factor > 0, so order and
// NaN are kept.
struct ValueTransform
{
    double offset = 0;
    double factor = 1;
    double operator()(double value) const { return (value - offset) * factor; }
};

// A flat series (one value) draws at the middle of the range (50%) or at 0 (z-scored).
ValueTransform valueTransform(ValueScale scale, const SeriesExtent& extent);

// The value axis' title ("" when values are as they are).
QString valueAxisTitle(ValueScale scale);

// The settings key and its values ("as-is", "normalised", "z-scored"); anything else reads as-is.
inline constexpr const char* kValueScaleKey = "view/valueScale";
QString valueScaleToString(ValueScale scale);
ValueScale valueScaleFromString(const QString& text);
