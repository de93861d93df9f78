#pragma once
// pb.Outliers served with the core's detectors. With the default parameters it answers exactly
// as the reference server does (zscore, k = 2).

#include "core/detector.h"

#include "pb/outliers.grpc.pb.h"

namespace od::rpc {

class TokenCheck;

class OutliersService final : public pb::Outliers::CallbackService
{
public:
    // tokens may be null (no token needed); it must outlive the service.
    explicit OutliersService(DetectorParams params = {}, const TokenCheck* tokens = nullptr);

    grpc::ServerUnaryReactor* Detect(grpc::CallbackServerContext* context, const pb::OutliersRequest* request,
        pb::OutliersResponse* response) override;

private:
    DetectorParams m_params;
    const TokenCheck* m_tokens;
};

} // namespace od::rpc
