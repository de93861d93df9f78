#include "chart/spanstatistics.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

double percentileOfSorted(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double at = q / 100.0 * double(sorted.size() - 1);
    const std::size_t below = std::size_t(std::floor(at));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (at - double(below));
}

SpanStatistics spanStatistics(const od::Series& series, std::size_t seriesIndex, const od::Detection* detection,
    const std::vector<IncidentSpan>* spans, std::int64_t fromNs, std::int64_t toNs)
{
    SpanStatistics stats;
    stats.series = QString::fromStdString(series.name);
    const auto inSpan = [&](std::size_t i) { return series.times[i] >= fromNs && series.times[i] <= toNs; };
    std::vector<double> values;
    for (std::size_t i = 0; i < series.size() && i < series.times.size(); ++i) {
        if (!inSpan(i))
            continue;
        if (std::isnan(series.values[i]))
            ++stats.missing;
        else
            values.push_back(series.values[i]);
    }
    if (detection) {
        stats.outliers = std::size_t(std::count_if(detection->indices.begin(), detection->indices.end(),
            [&](std::size_t i) { return i < series.times.size() && inSpan(i); }));
    }
    if (spans) {
        stats.incidents = std::size_t(std::count_if(spans->begin(), spans->end(),
            [&](const IncidentSpan& s) { return s.series == seriesIndex && s.startNs <= toNs && s.endNs >= fromNs; }));
    }
    stats.count = values.size();
    if (values.empty())
        return stats;
    std::sort(values.begin(), values.end());
    stats.min = values.front();
    stats.max = values.back();
    double sum = 0;
    for (const double v : values)
        sum += v;
    stats.mean = sum / double(values.size());
    // Two passes, as numpy does: the squares of deviations, not of values.
    double squares = 0;
    for (const double v : values)
        squares += (v - stats.mean) * (v - stats.mean);
    stats.std = std::sqrt(squares / double(values.size()));
    stats.median = percentileOfSorted(values, 50);
    stats.p95 = percentileOfSorted(values, 95);
    stats.p99 = percentileOfSorted(values, 99);
    return stats;
}

QString spanStatisticsTsv(const std::vector<SpanStatistics>& rows)
{
    const auto number = [](double v) { return std::isnan(v) ? QString() : QString::number(v, 'g', 12); };
    QStringList lines { QStringLiteral(
        "series\tcount\tmissing\tmin\tmax\tmean\tmedian\tp95\tp99\tstd\toutliers\tincidents") };
    for (const SpanStatistics& s : rows) {
        lines << QStringList { s.series, QString::number(s.count), QString::number(s.missing), number(s.min),
            number(s.max), number(s.mean), number(s.median), number(s.p95), number(s.p99), number(s.std),
            QString::number(s.outliers), QString::number(s.incidents) }
                     .join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}
