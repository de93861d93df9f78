#pragma once
// What a detector decided and what it measured the decision against, so that a chart can draw
// the band and a tooltip can say why a point was flagged. Local and remote detection return
// this same type; a remote answer that lacks a field leaves it empty / NaN.

#include "core/band_blocks.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace od {

// What a detection keeps of the band a rolling or seasonal rule judged each point against.
enum class BandDetail {
    // The band at every point (for reports, tooltips and the wire) and its blocks (for drawing).
    PerPoint,
    // Only its blocks, a quarter of a byte a point: enough to draw it (outlierctl render). The
    // flags, scores, reasons and incidents are the same as with PerPoint; the per-point band is
    // kept anyway where some flagged point has no score (incidents then rank it by its centre).
    Blocks,
    // Its blocks, and the band of any run of points worked out again on demand from the
    // series' values (Detection::bandReplay), bit for bit the band judged against: what a chart
    // that zooms in needs, for a quarter of a byte a point (the app). Every local rule can
    // (esd from its seasonal values, one per phase); a detection from the wire cannot.
    Replayed,
};

// Works a detection's per-point band out again for a run of points, from the values of the
// series it judged: for a band that is a function of a bounded stretch of values around each
// point (alarm's level band: the range of the last `memory` values) or of its phase alone
// (esd's), so that it need not be kept at every point. Immutable once made, so copies of a detection share it.
class BandReplay
{
public:
    virtual ~BandReplay() = default;
    // The band at points [begin, end) of the series whose values are `values` (the same values
    // the detection judged, maybe more of them) into lower[0, end - begin) and upper[...]: NaN
    // where the rule had nothing to judge against, and past the points the detection judged.
    virtual void fill(
        std::span<const double> values, std::size_t begin, std::size_t end, double* lower, double* upper) const = 0;
    // The band at each of `points` (ascending, as Detection::indices) into lower[k] and
    // upper[k], NaN as fill() says: what a report needs at its flags.
    virtual void fillAt(
        std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const = 0;
};

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
    // Where the centre is always the middle of the band (alarm's remembered range), it is not
    // stored (8 bytes a point: 80 MB on ten million): bandCentre stays empty, bandCentreIsMiddle
    // is set, and centreAt() works it out. Read the centre through centreAt(), not bandCentre.
    std::vector<double> bandCentre;
    std::vector<double> bandLower;
    std::vector<double> bandUpper;
    bool bandCentreIsMiddle = false;
    // The band's extent per block of 64 points (core/band_blocks.h), for drawing: made beside
    // a per-point band by detect() and alarm runs, or instead of it (BandDetail::Blocks); made
    // again from the per-point band of a detection from the wire, which does not carry it.
    BandBlocks bandBlocks;
    // With BandDetail::Replayed, where bandLower and bandUpper stay empty: how to work the
    // per-point band out again for any run of points (core/plot/band_envelope.h reads it for
    // columns narrower than a block). centreAt() does not read it (it has no values); such a
    // detection scores every flagged point, so nothing asks the centre of one.
    std::shared_ptr<const BandReplay> bandReplay;
    // Where a rolling or local rule keeps no per-point band (BandDetail::Blocks, Replayed): the
    // centre each flag was judged against, one per index; centreAt() reads it. Empty otherwise.
    std::vector<double> flagCentres;
    // The unit the score counts in, for explanations: "standard deviations", "MADs", "IQRs".
    std::string scoreUnit;
    // What the centre is called in explanations: "mean", "median", "window mean", "expected value".
    std::string centreName;

    // One sentence per index saying why, where the detector words its own decisions ("alarm");
    // empty otherwise, and explainOutlier() words them from the score and band.
    std::vector<std::string> reasons;

    bool hasBandPerPoint() const { return !bandCentre.empty() || (bandCentreIsMiddle && !bandLower.empty()); }
    // The middle of a band, as a centre that is not stored is worked out everywhere.
    static double middleOf(double lower, double upper) { return (lower + upper) / 2; }
    // The centre the k-th flag was judged against, given its band [lower, upper] (worked out
    // again where the detection keeps no per-point band): what centreAt() gives with one.
    double flagCentre(std::size_t k, double lower, double upper) const
    {
        if (bandCentreIsMiddle)
            return middleOf(lower, upper);
        return k < flagCentres.size() ? flagCentres[k] : centre;
    }
    // The centre point i was judged against: the per-point band's where the band reaches i (NaN
    // where the rule had nothing to judge against yet), or the flag's where point i is a flag
    // with a centre kept, else the constant centre.
    double centreAt(std::size_t i) const
    {
        if (i < bandCentre.size())
            return bandCentre[i];
        if (bandCentreIsMiddle && i < bandLower.size() && i < bandUpper.size())
            return middleOf(bandLower[i], bandUpper[i]);
        if (flagCentres.size() == indices.size() && !flagCentres.empty()) {
            const auto it = std::lower_bound(indices.begin(), indices.end(), i);
            if (it != indices.end() && *it == i)
                return flagCentres[static_cast<std::size_t>(it - indices.begin())];
        }
        return centre;
    }
    // Drops the stored per-point centre when every entry is exactly the middle of the band (as
    // centreAt() would work it out, NaN where the band is NaN): nothing read through centreAt()
    // changes. For detections that arrive with the centre spelled out (from the wire).
    void dropMiddleCentres()
    {
        if (bandCentre.empty() || bandCentre.size() != bandLower.size() || bandCentre.size() != bandUpper.size())
            return;
        for (std::size_t i = 0; i < bandCentre.size(); ++i) {
            const double middle = middleOf(bandLower[i], bandUpper[i]);
            const bool same = bandCentre[i] == middle || (std::isnan(bandCentre[i]) && std::isnan(middle));
            if (!same || std::signbit(bandCentre[i]) != std::signbit(middle))
                return;
        }
        bandCentre = {};
        bandCentreIsMiddle = true;
    }
    bool hasScores() const { return scores.size() == indices.size() && !indices.empty(); }
};

} // namespace od
