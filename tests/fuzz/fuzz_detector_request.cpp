// libFuzzer target for the outlierdesk.v1 request conversion (rpc/detector_convert): any bytes
// protobuf reads as a DetectRequest give, through the very function outlierd's Detector service
// runs, either an error with a message or a detection that fits the series sent:
//
// - indices ascending and inside the series, never a missing point (NaN or infinite);
// - one score per index (or none), and a per-point band that is empty or one entry per point;
// - the incidents cover every flag once, in order, each inside the series and around its peak;
// - the detection, its incidents and the parameters survive the trip to the wire and back unchanged;
// - the same request twice gives the same answer.

#include "rpc/detector_convert.h"

#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

namespace {

// Protobuf logs every invalid UTF-8 string it meets; the fuzzer makes millions.
const google::protobuf::LogSilencer quiet;

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_detector_request: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what)
{
    if (!ok)
        fail(what);
}

bool same(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

bool same(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same(a[i], b[i]))
            return false;
    }
    return true;
}

// The per-point centres as read (centreAt): one side may store them and the other work them
// out from the band, as alarm's are and as a received band whose centre is its middle is.
bool sameCentres(const od::Detection& a, const od::Detection& b)
{
    const std::size_t n
        = std::max({ a.bandCentre.size(), a.bandLower.size(), b.bandCentre.size(), b.bandLower.size() });
    for (std::size_t i = 0; i < n; ++i) {
        if (!same(a.centreAt(i), b.centreAt(i)))
            return false;
    }
    return a.hasBandPerPoint() == b.hasBandPerPoint();
}

bool same(const od::Detection& a, const od::Detection& b, bool withPointBand)
{
    return a.method == b.method && same(a.threshold, b.threshold) && a.indices == b.indices && same(a.scores, b.scores)
        && same(a.centre, b.centre) && same(a.scale, b.scale) && same(a.lower, b.lower) && same(a.upper, b.upper)
        && a.scoreUnit == b.scoreUnit && a.centreName == b.centreName
        && (!withPointBand || (sameCentres(a, b) && same(a.bandLower, b.bandLower) && same(a.bandUpper, b.bandUpper)));
}

bool same(const od::DetectorParams& a, const od::DetectorParams& b)
{
    return a.method == b.method && same(a.threshold, b.threshold) && a.window == b.window && a.period == b.period
        && same(a.maxAnoms, b.maxAnoms) && a.direction == b.direction;
}

bool same(const od::Incident& a, const od::Incident& b)
{
    return a.startIndex == b.startIndex && a.endIndex == b.endIndex && a.peakIndex == b.peakIndex
        && same(a.peakValue, b.peakValue) && same(a.peakScore, b.peakScore) && a.points == b.points
        && a.startTime == b.startTime && a.endTime == b.endTime;
}

void checkFits(const od::Detection& d, const std::vector<double>& values)
{
    const std::size_t n = values.size();
    for (std::size_t k = 0; k < d.indices.size(); ++k) {
        check(d.indices[k] < n, "an index outside the series");
        check(k == 0 || d.indices[k - 1] < d.indices[k], "indices not strictly ascending");
        check(std::isfinite(values[d.indices[k]]), "a missing point was flagged");
    }
    check(d.scores.empty() || d.scores.size() == d.indices.size(), "scores and indices of unequal length");
    for (const auto* band : { &d.bandCentre, &d.bandLower, &d.bandUpper })
        check(band->empty() || band->size() == n, "a per-point band not one entry per point");
}

// Every flag in exactly one incident (none of them is missing or out of range, checkFits says).
void checkIncidents(const std::vector<od::Incident>& incidents, const od::Detection& d, std::size_t n)
{
    std::size_t flags = 0;
    for (std::size_t k = 0; k < incidents.size(); ++k) {
        const od::Incident& in = incidents[k];
        check(in.startIndex <= in.peakIndex && in.peakIndex <= in.endIndex && in.endIndex < n,
            "an incident whose start, peak and end are out of order or outside the series");
        check(k == 0 || incidents[k - 1].endIndex < in.startIndex, "incidents overlapping or out of order");
        check(in.points >= 1, "an incident without a flagged point");
        flags += in.points;
    }
    check(flags == d.indices.size(), "incidents that do not hold every flag once");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    outlierdesk::v1::DetectRequest request;
    if (!request.ParseFromArray(data, static_cast<int>(size)))
        return 0; // outlierd answers INVALID_ARGUMENT before its service sees the call

    // outlierd's own rule by default, as its Detector service holds it.
    const od::DetectorParams serverRule;
    const auto& series = request.series();
    std::vector<double> values(series.values().begin(), series.values().end());
    const std::vector<std::int64_t> times(series.times_unix_nanos().begin(), series.times_unix_nanos().end());
    std::vector<double> valuesAgain = values;
    const std::optional<std::int64_t> gap
        = request.has_incident_gap_points() ? std::optional(request.incident_gap_points()) : std::nullopt;

    const auto result = od::rpc::detectRequested(serverRule, request.params(), values, times, gap);
    const auto again = od::rpc::detectRequested(serverRule, request.params(), valuesAgain, times, gap);
    check(result.ok() == again.ok(), "the same request succeeded once and failed once");
    check(same(values, valuesAgain), "the same request left other values");

    if (!request.params().method().empty()) {
        const od::DetectorParams params = od::rpc::fromProto(request.params());
        outlierdesk::v1::DetectorParams wire;
        od::rpc::toProto(params, &wire);
        check(same(params, od::rpc::fromProto(wire)), "the parameters changed on their way to the wire and back");
    }

    if (!result) {
        check(!result.error().message.empty(), "an error without a message");
        check(result.error().message == again.error().message, "the same request failed with another message");
        return 0;
    }
    const od::Detection& detection = result->detection;
    check(same(detection, again->detection, true), "the same request gave another detection");
    check(values.size() == static_cast<std::size_t>(series.values_size()), "the series changed length");
    checkFits(detection, values);
    checkIncidents(result->incidents, detection, values.size());
    check(result->incidents.size() == again->incidents.size(), "the same request gave other incidents");
    check(
        !gap || result->incidentRule.gapPoints == static_cast<std::size_t>(*gap), "the gap asked for was not applied");

    outlierdesk::v1::DetectResponse response;
    od::rpc::toProto(detection, request.point_band(), response.mutable_detection());
    for (const auto& incident : result->incidents)
        od::rpc::toProto(incident, response.add_incidents());
    outlierdesk::v1::DetectResponse parsed;
    check(parsed.ParseFromString(response.SerializeAsString()), "the answer does not parse");
    const od::Detection back = od::rpc::fromProto(parsed.detection());
    check(same(detection, back, request.point_band()), "the detection changed on its way to the wire and back");
    if (!request.point_band())
        check(!back.hasBandPerPoint(), "a per-point band sent without point_band");
    check(parsed.incidents_size() == static_cast<int>(result->incidents.size()), "incidents lost on the wire");
    for (int k = 0; k < parsed.incidents_size(); ++k) {
        check(same(result->incidents[static_cast<std::size_t>(k)], od::rpc::fromProto(parsed.incidents(k))),
            "an incident changed on its way to the wire and back");
    }
    return 0;
}
