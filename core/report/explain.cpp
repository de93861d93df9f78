#include "core/report/explain.h"

#include <cmath>
#include <cstdio>

namespace od {

std::string formatNumber(double value)
{
    char buf[64];
    const double a = std::fabs(value);
    if (a != 0 && (a >= 1e7 || a < 1e-3))
        std::snprintf(buf, sizeof buf, "%.3e", value);
    else
        std::snprintf(buf, sizeof buf, "%.4g", value);
    return buf;
}

std::string explainOutlier(const Detection& d, std::size_t k, double value)
{
    if (k >= d.indices.size() || !d.hasScores())
        return d.method == "remote" || d.method.empty() ? "flagged by the remote detector" : "flagged by " + d.method;
    if (d.reasons.size() == d.indices.size())
        return d.reasons[k];
    const std::size_t i = d.indices[k];
    const double score = d.scores[k];
    const double centre = d.centreAt(i);
    const bool above = value > centre;
    std::string text = formatNumber(value) + " is " + formatNumber(score) + " " + d.scoreUnit;
    if (d.method == "iqr") {
        // The iqr score counts from the nearer quartile, which the band's fences imply.
        const double quartile = above ? d.upper - d.threshold * d.scale : d.lower + d.threshold * d.scale;
        text += std::string(above ? " above the upper quartile " : " below the lower quartile ")
            + formatNumber(quartile);
    } else {
        text += std::string(above ? " above the " : " below the ") + d.centreName + " " + formatNumber(centre);
    }
    if (d.method == "esd")
        text += " (significant at alpha " + formatNumber(d.threshold) + ")";
    else
        text += " (threshold " + formatNumber(d.threshold) + ")";
    return text;
}

} // namespace od
