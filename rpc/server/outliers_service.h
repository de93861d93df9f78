#pragma once
// pb.Outliers served with the core's detectors. With the default parameters it answers exactly
// as the reference server does (zscore, k = 2).

#include "core/detect/detector.h"

#include "pb/outliers.grpc.pb.h"

namespace od::rpc {

class TokenCheck;

// Detect is served as a raw method: the request's bytes are read by outliers_wire.h, which keeps
// only the values, instead of being parsed into 3 objects per metric. So interceptors see a
// grpc::ByteBuffer as its request message, not a pb.OutliersRequest.
inline constexpr const char* kRawDetectMethod = "/pb.Outliers/Detect";

class OutliersService final : public pb::Outliers::WithRawCallbackMethod_Detect<pb::Outliers::Service>
{
public:
    // tokens may be null (no token needed); it must outlive the service.
    explicit OutliersService(DetectorParams params = {}, const TokenCheck* tokens = nullptr);

    grpc::ServerUnaryReactor* Detect(
        grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) override;

private:
    DetectorParams m_params;
    const TokenCheck* m_tokens;
};

} // namespace od::rpc
