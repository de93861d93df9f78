#include "stock_stream.h"

#include "channel_release.h"

#include "greeter/greeter.grpc.pb.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

namespace od::rpc {
namespace {

    class StockCall final : public StockStream, public grpc::ClientReadReactor<greeter::StockReply>
    {
    public:
        StockCall(Callbacks callbacks)
            : m_callbacks(std::move(callbacks))
        { }

        void begin(
            std::shared_ptr<StockCall> self, const std::shared_ptr<grpc::Channel>& channel, const std::string& symbol)
        {
            m_self = std::move(self);
            m_request.set_symbol(symbol);
            m_channel = channel;
            m_stub = greeter::Greeter::NewStub(channel);
            m_stub->async()->GetStockPrice(&m_context, &m_request, this);
            StartRead(&m_reply);
            StartCall();
        }

        void cancel() override { m_context.TryCancel(); }

        void OnReadDone(bool ok) override
        {
            if (!ok)
                return; // the stream is over; OnDone follows with the status
            if (m_callbacks.tick)
                m_callbacks.tick(StockTick { m_reply.symbol(), m_reply.price() });
            StartRead(&m_reply);
        }

        void OnDone(const grpc::Status& status) override
        {
            if (m_callbacks.finished)
                m_callbacks.finished(RpcStatus::from(status));
            releaseCall(std::move(m_self), m_channel); // may destroy this object: touch nothing after
        }

    private:
        Callbacks m_callbacks;
        std::unique_ptr<greeter::Greeter::Stub> m_stub;
        grpc::ClientContext m_context;
        greeter::StockRequest m_request;
        greeter::StockReply m_reply;
        // Also held by the stub and the context; this copy lets OnDone hand the last one away.
        std::shared_ptr<grpc::Channel> m_channel;
        std::shared_ptr<StockCall> m_self;
    };

} // namespace

std::shared_ptr<StockStream> StockStream::start(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& symbol, Callbacks callbacks)
{
    auto call = std::make_shared<StockCall>(std::move(callbacks));
    call->begin(call, channel, symbol);
    return call;
}

} // namespace od::rpc
