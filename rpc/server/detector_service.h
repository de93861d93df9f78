#pragma once
// outlierdesk.v1.Detector: any of the core's detectors with chosen parameters, answering with
// the full explanation; DetectStream takes a series in chunks, so a 10-million-point series never
// needs a message near the size limit.

#include "core/detect/detector.h"

#include "outlierdesk/v1/detector.grpc.pb.h"

namespace od::rpc {

class TokenCheck;

struct DetectorServiceLimits
{
    long long maxMessageBytes = 64LL * 1024 * 1024; // what the server accepts; reported only
    long long maxStreamPoints = 50'000'000; // one DetectStream; 16 bytes a point held until the end
};

class DetectorService final : public outlierdesk::v1::Detector::CallbackService
{
public:
    // serverRule: what a request naming no method runs (outlierd --method and its parameters).
    // tokens may be null (no token needed); it must outlive the service.
    explicit DetectorService(
        DetectorParams serverRule = {}, const TokenCheck* tokens = nullptr, DetectorServiceLimits limits = {});

    grpc::ServerUnaryReactor* Detect(grpc::CallbackServerContext* context,
        const outlierdesk::v1::DetectRequest* request, outlierdesk::v1::DetectResponse* response) override;
    grpc::ServerReadReactor<outlierdesk::v1::DetectChunk>* DetectStream(
        grpc::CallbackServerContext* context, outlierdesk::v1::DetectResponse* response) override;
    grpc::ServerUnaryReactor* Capabilities(grpc::CallbackServerContext* context,
        const outlierdesk::v1::CapabilitiesRequest* request, outlierdesk::v1::CapabilitiesResponse* response) override;

private:
    DetectorParams m_serverRule;
    const TokenCheck* m_tokens;
    DetectorServiceLimits m_limits;
};

} // namespace od::rpc
