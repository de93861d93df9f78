#pragma once
// greeter.Greeter with the reference semantics (CONTRACT.md section 1).

#include "greeter/greeter.grpc.pb.h"

#include <chrono>

namespace od::rpc {

struct GreeterOptions
{
    int stockTicks = 5; // prices per GetStockPrice stream; 0 = endless
    std::chrono::milliseconds stockInterval { 500 };
};

class GreeterService final : public greeter::Greeter::CallbackService
{
public:
    explicit GreeterService(GreeterOptions options = {});

    grpc::ServerUnaryReactor* SayHello(grpc::CallbackServerContext* context, const greeter::HelloRequest* request,
        greeter::HelloReply* reply) override;
    grpc::ServerWriteReactor<greeter::StockReply>* GetStockPrice(
        grpc::CallbackServerContext* context, const greeter::StockRequest* request) override;
    grpc::ServerReadReactor<greeter::Metric>* RecordMetrics(
        grpc::CallbackServerContext* context, greeter::MetricSummary* summary) override;
    grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* Chat(
        grpc::CallbackServerContext* context) override;

private:
    GreeterOptions m_options;
};

} // namespace od::rpc
