#pragma once
// Conversions between the core's detection types and outlierdesk.v1 messages, shared by the
// server and the client so both sides read the wire the same way.

#include "core/detect/detector.h"
#include "core/detection.h"
#include "core/report/incidents.h"
#include "core/result.h"

#include "outlierdesk/v1/detector.pb.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace od::rpc {

void toProto(const DetectorParams& params, outlierdesk::v1::DetectorParams* out);
// Unset fields take the method's defaults; an empty method is zscore, the reference rule.
DetectorParams fromProto(const outlierdesk::v1::DetectorParams& params);

void toProto(const Detection& detection, bool pointBand, outlierdesk::v1::Detection* out);
Detection fromProto(const outlierdesk::v1::Detection& detection);

void toProto(const MethodInfo& method, outlierdesk::v1::MethodInfo* out);

// A NaN peak score and missing times are left unset on the wire, and read back as such.
void toProto(const Incident& incident, outlierdesk::v1::Incident* out);
Incident fromProto(const outlierdesk::v1::Incident& incident);

// What outlierdesk.v1 Detect and DetectStream answer for one request, before it goes on the wire.
struct RequestedDetection
{
    Detection detection;
    std::vector<Incident> incidents; // the detection's flags grouped by incidentRule
    IncidentRule incidentRule; // the rule applied: the request's gap, else the default
};

// What outlierdesk.v1 Detect and DetectStream run for one request, whole: checks that gapPoints
// (the request's incident_gap_points, if set) is 0 or more and that times is empty or one per
// value, makes infinite values missing (NaN) in place, takes serverRule when params name no
// method, checks the parameters, detects and groups the flags into incidents. An Error says what
// was wrong with the request, for an INVALID_ARGUMENT status. detail: what is kept of a band per
// point (BandDetail::Blocks where the answer does not carry it: the same flags and incidents).
Result<RequestedDetection> detectRequested(const DetectorParams& serverRule,
    const outlierdesk::v1::DetectorParams& params, std::vector<double>& values, std::span<const std::int64_t> times,
    std::optional<std::int64_t> gapPoints, BandDetail detail = BandDetail::PerPoint);

} // namespace od::rpc
