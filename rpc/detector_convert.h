#pragma once
// Conversions between the core's detection types and outlierdesk.v1 messages, shared by the
// server and the client so both sides read the wire the same way.

#include "core/detection.h"
#include "core/detector.h"
#include "core/incidents.h"

#include "outlierdesk/v1/detector.pb.h"

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

} // namespace od::rpc
