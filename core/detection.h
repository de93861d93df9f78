#pragma once
// What a detector decided and what it measured the decision against, so that a chart can draw
// the band and a tooltip can say why a point was flagged. Local and remote detection return
// this same type; a remote answer that lacks a field leaves it empty / NaN.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace od {

struct Detection
{
    std::string method;
    double threshold = std::numeric_limits<double>::quiet_NaN();
    // Ascending indices into the series, in file order.
    std::vector<std::size_t> indices;
    // One score per index, the detector's own measure (zscore: |value - mean| / std).
    // Empty when the source did not say (the reference remote server returns indices only).
    std::vector<double> scores;
    // The constant band a global rule judged against; NaN when unknown.
    double centre = std::numeric_limits<double>::quiet_NaN();
    double scale = std::numeric_limits<double>::quiet_NaN();
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();

    // Per-point band for rolling and seasonal rules (one entry per series point, NaN where the
    // rule had nothing to judge against yet); empty for global rules, which use the constants.
    std::vector<double> bandCentre;
    std::vector<double> bandLower;
    std::vector<double> bandUpper;
    // The unit the score counts in, for explanations: "standard deviations", "MADs", "IQRs".
    std::string scoreUnit;
    // What the centre is called in explanations: "mean", "median", "window mean", "expected value".
    std::string centreName;

    // One sentence per index saying why, where the detector words its own decisions ("alarm");
    // empty otherwise, and explainOutlier() words them from the score and band.
    std::vector<std::string> reasons;

    bool hasBandPerPoint() const { return !bandCentre.empty(); }
    bool hasScores() const { return scores.size() == indices.size() && !indices.empty(); }
};

} // namespace od
