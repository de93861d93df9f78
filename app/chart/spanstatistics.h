#pragma once
// What a selected time span holds, per series: the figures an on-call engineer reads before
// saying "it was only ever this high". Numbers follow numpy on the span's non-missing values:
// std with ddof = 0, percentiles by linear interpolation (numpy's default).

#include "chart/seriesincidents.h"

#include "core/detection.h"
#include "core/series.h"

#include <QString>

#include <cstdint>
#include <limits>
#include <vector>

struct SpanStatistics
{
    QString series;
    std::size_t count = 0; // points with a value
    std::size_t missing = 0; // points without (NaN)
    // NaN when count is 0.
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double median = std::numeric_limits<double>::quiet_NaN();
    double p95 = std::numeric_limits<double>::quiet_NaN();
    double p99 = std::numeric_limits<double>::quiet_NaN();
    double std = std::numeric_limits<double>::quiet_NaN();
    std::size_t outliers = 0; // flagged points in the span
    std::size_t incidents = 0; // incidents of the series that overlap the span
};

// The points of series with a time in [fromNs, toNs] (times need not be sorted). detection
// (may be null) gives the flags; spans (may be null) the incidents, of every series: those of
// seriesIndex count.
SpanStatistics spanStatistics(const od::Series& series, std::size_t seriesIndex, const od::Detection* detection,
    const std::vector<IncidentSpan>* spans, std::int64_t fromNs, std::int64_t toNs);

// numpy.percentile(values, q) of sorted values (linear interpolation); NaN when empty.
double percentileOfSorted(const std::vector<double>& sorted, double q);

// A header row and one row per series, tab-separated, numbers to 12 significant digits
// (empty where there is none); for pasting
// into a spreadsheet or a ticket.
QString spanStatisticsTsv(const std::vector<SpanStatistics>& rows);
