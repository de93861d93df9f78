#include "detector_convert.h"

#include <cmath>
#include <limits>
#include <string>

namespace od::rpc {

void toProto(const DetectorParams& p, outlierdesk::v1::DetectorParams* out)
{
    out->set_method(p.method);
    out->set_threshold(p.threshold);
    out->set_window(p.window);
    out->set_period(p.period);
    out->set_max_anoms(p.maxAnoms);
    out->set_direction(p.direction == Direction::Up ? outlierdesk::v1::DIRECTION_UP
            : p.direction == Direction::Down        ? outlierdesk::v1::DIRECTION_DOWN
                                                    : outlierdesk::v1::DIRECTION_BOTH);
}

DetectorParams fromProto(const outlierdesk::v1::DetectorParams& p)
{
    DetectorParams out = defaultParams(p.method().empty() ? std::string("zscore") : p.method());
    out.method = p.method().empty() ? std::string("zscore") : p.method();
    if (p.has_threshold())
        out.threshold = p.threshold();
    out.window = p.window();
    out.period = p.period();
    if (p.has_max_anoms())
        out.maxAnoms = p.max_anoms();
    out.direction = p.direction() == outlierdesk::v1::DIRECTION_UP ? Direction::Up
        : p.direction() == outlierdesk::v1::DIRECTION_DOWN         ? Direction::Down
                                                                   : Direction::Both;
    return out;
}

void toProto(const Detection& d, bool pointBand, outlierdesk::v1::Detection* out)
{
    out->set_method(d.method);
    out->set_threshold(d.threshold);
    out->mutable_indices()->Reserve(static_cast<int>(d.indices.size()));
    for (const std::size_t i : d.indices)
        out->add_indices(static_cast<std::int64_t>(i));
    out->mutable_scores()->Add(d.scores.begin(), d.scores.end());
    auto* band = out->mutable_band();
    band->set_centre(d.centre);
    band->set_scale(d.scale);
    band->set_lower(d.lower);
    band->set_upper(d.upper);
    if (pointBand) {
        // Spelled out on the wire even where this side works it out from the band (alarm's).
        auto* centres = band->mutable_point_centre();
        if (d.bandCentre.empty() && d.hasBandPerPoint()) {
            centres->Reserve(static_cast<int>(d.bandLower.size()));
            for (std::size_t i = 0; i < d.bandLower.size(); ++i)
                centres->Add(d.centreAt(i));
        } else {
            centres->Add(d.bandCentre.begin(), d.bandCentre.end());
        }
        band->mutable_point_lower()->Add(d.bandLower.begin(), d.bandLower.end());
        band->mutable_point_upper()->Add(d.bandUpper.begin(), d.bandUpper.end());
    }
    out->set_score_unit(d.scoreUnit);
    out->set_centre_name(d.centreName);
}

Detection fromProto(const outlierdesk::v1::Detection& d)
{
    Detection out;
    out.method = d.method();
    out.threshold = d.threshold();
    out.indices.reserve(static_cast<std::size_t>(d.indices_size()));
    for (const std::int64_t i : d.indices())
        out.indices.push_back(static_cast<std::size_t>(i));
    out.scores.assign(d.scores().begin(), d.scores().end());
    out.centre = d.band().centre();
    out.scale = d.band().scale();
    out.lower = d.band().lower();
    out.upper = d.band().upper();
    out.bandCentre.assign(d.band().point_centre().begin(), d.band().point_centre().end());
    out.bandLower.assign(d.band().point_lower().begin(), d.band().point_lower().end());
    out.bandUpper.assign(d.band().point_upper().begin(), d.band().point_upper().end());
    // A centre that is the middle of the band everywhere (alarm's) is worked out, not kept.
    out.dropMiddleCentres();
    // Not on the wire: the chart draws the band from them.
    if (!out.bandLower.empty())
        out.bandBlocks = bandBlocksOf(out.bandLower, out.bandUpper);
    out.scoreUnit = d.score_unit();
    out.centreName = d.centre_name();
    return out;
}

void toProto(const MethodInfo& m, outlierdesk::v1::MethodInfo* out)
{
    out->set_name(m.name);
    out->set_description(m.description);
    out->set_threshold_label(m.thresholdLabel);
    out->set_default_threshold(m.defaultThreshold);
    out->set_min_threshold(m.minThreshold);
    out->set_max_threshold(m.maxThreshold);
    for (const auto& p : m.params) {
        auto* param = out->add_params();
        param->set_key(p.key);
        param->set_label(p.label);
        param->set_default_value(p.defaultValue);
        param->set_min(p.min);
        param->set_max(p.max);
        param->set_integer(p.integer);
    }
    out->set_needs_times(m.needsTimes);
}

void toProto(const Incident& in, outlierdesk::v1::Incident* out)
{
    out->set_start_index(static_cast<std::int64_t>(in.startIndex));
    out->set_end_index(static_cast<std::int64_t>(in.endIndex));
    out->set_peak_index(static_cast<std::int64_t>(in.peakIndex));
    out->set_peak_value(in.peakValue);
    if (!std::isnan(in.peakScore))
        out->set_peak_score(in.peakScore);
    out->set_points(static_cast<std::int64_t>(in.points));
    if (in.startTime)
        out->set_start_unix_nanos(*in.startTime);
    if (in.endTime)
        out->set_end_unix_nanos(*in.endTime);
}

Incident fromProto(const outlierdesk::v1::Incident& in)
{
    Incident out;
    out.startIndex = static_cast<std::size_t>(in.start_index());
    out.endIndex = static_cast<std::size_t>(in.end_index());
    out.peakIndex = static_cast<std::size_t>(in.peak_index());
    out.peakValue = in.peak_value();
    if (in.has_peak_score())
        out.peakScore = in.peak_score();
    out.points = static_cast<std::size_t>(in.points());
    if (in.has_start_unix_nanos())
        out.startTime = in.start_unix_nanos();
    if (in.has_end_unix_nanos())
        out.endTime = in.end_unix_nanos();
    return out;
}

Result<RequestedDetection> detectRequested(const DetectorParams& serverRule,
    const outlierdesk::v1::DetectorParams& params, std::vector<double>& values, std::span<const std::int64_t> times,
    std::optional<std::int64_t> gapPoints, BandDetail detail)
{
    if (gapPoints && *gapPoints < 0)
        return Error("incident_gap_points must be 0 or more, got " + std::to_string(*gapPoints));
    if (!times.empty() && times.size() != values.size()) {
        return Error("times_unix_nanos has " + std::to_string(times.size()) + " entries for "
            + std::to_string(values.size()) + " values; send one time per value or none");
    }
    // Infinities are treated as missing, like NaN: they have no place on a chart and would
    // swamp every mean and spread.
    for (double& v : values) {
        if (std::isinf(v))
            v = std::numeric_limits<double>::quiet_NaN();
    }
    const DetectorParams chosen = params.method().empty() ? serverRule : fromProto(params);
    if (auto valid = validate(chosen); !valid)
        return Error(valid.error().message);
    auto detection = detect(values, times, chosen, detail);
    if (!detection)
        return detection.error();
    RequestedDetection answer;
    answer.incidentRule = defaultIncidentRule(times);
    if (gapPoints)
        answer.incidentRule.gapPoints = static_cast<std::size_t>(*gapPoints);
    answer.incidents = groupIncidents(*detection, values, times, answer.incidentRule);
    answer.detection = std::move(*detection);
    return answer;
}

} // namespace od::rpc
