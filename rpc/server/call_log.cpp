#include "call_log.h"

#include "core/report/json_text.h"

#include "rpc/rpc_status.h"
#include "rpc/server/outliers_service.h"

#include <google/protobuf/message_lite.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_interceptor.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace od::rpc {
namespace {

    std::string utcNow()
    {
        const auto now = std::chrono::system_clock::now();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
        const std::time_t secs = static_cast<std::time_t>(ms / 1000);
        std::tm tm {};
        gmtime_r(&secs, &tm);
        char buf[96];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
        return buf;
    }

    // Services whose handlers receive protobuf messages. The health service that grpc++ serves
    // by itself reads raw byte buffers, so its request size is not known here. pb.Outliers/Detect
    // is raw too, and handled apart.
    bool protobufMethod(const std::string& method)
    {
        for (const char* prefix : { "/pb.", "/greeter.", "/outlierdesk.", "/grpc.reflection." }) {
            if (method.rfind(prefix, 0) == 0)
                return true;
        }
        return false;
    }

    class CallLogInterceptor final : public grpc::experimental::Interceptor
    {
    public:
        CallLogInterceptor(grpc::experimental::ServerRpcInfo* info, const CallSink* sink)
            : m_info(info)
            , m_sink(sink)
            , m_start(std::chrono::steady_clock::now())
        {
            m_record.method = info->method() ? info->method() : "";
            m_raw = m_record.method == kRawDetectMethod;
            m_protobuf = !m_raw && protobufMethod(m_record.method);
            if (m_protobuf || m_raw)
                m_record.requestBytes = 0;
        }

        ~CallLogInterceptor() override
        {
            if (m_clientGone && m_record.statusCode != grpc::StatusCode::CANCELLED) {
                // The status sent never reached the client: it had cancelled, its deadline had
                // passed, or its connection broke. Say so rather than what the server answered
                // (grpc++ even answers a request that never arrived as one it could not parse).
                m_record.statusMessage = std::string("the client cancelled or gave up before the answer")
                    + (m_haveStatus ? std::string(" (the server's: ") + statusCodeName(m_record.statusCode) + ")"
                                    : std::string());
                m_record.statusCode = grpc::StatusCode::CANCELLED;
                if (!m_haveStatus)
                    m_record.latencyMs = elapsedMs();
                m_haveStatus = true;
            }
            if (!m_haveStatus) {
                m_record.statusCode = grpc::StatusCode::CANCELLED;
                m_record.statusMessage = "ended without a status";
                m_record.latencyMs = elapsedMs();
            }
            (*m_sink)(m_record);
        }

        void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override
        {
            using grpc::experimental::InterceptionHookPoints;
            if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA))
                m_record.peer = m_info->server_context()->peer();
            if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
                ++m_record.requestMessages;
                if (m_raw) {
                    if (const void* message = methods->GetRecvMessage())
                        m_record.requestBytes
                            += static_cast<long long>(static_cast<const grpc::ByteBuffer*>(message)->Length());
                } else if (m_protobuf) {
                    if (const void* message = methods->GetRecvMessage()) {
                        m_record.requestBytes += static_cast<long long>(
                            static_cast<const google::protobuf::MessageLite*>(message)->ByteSizeLong());
                    }
                }
            }
            if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
                const grpc::Status status = methods->GetSendStatus();
                m_record.statusCode = status.error_code();
                m_record.statusMessage = status.error_message();
                m_record.latencyMs = elapsedMs();
                m_haveStatus = true;
            }
            // The call's end as the client side left it: cancelled means the client did not
            // get a status from the server.
            // Asked of callback-API calls only: on a sync-API call (grpc++'s own reflection and
            // health services) IsCancelled() plucks the completion queue, which runs this hook
            // again, and again, until the stack overflows (a reflection stream crashed outlierd).
            if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_CLOSE)
                && dynamic_cast<grpc::CallbackServerContext*>(m_info->server_context()))
                m_clientGone = m_info->server_context()->IsCancelled();
            if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_CANCEL) && !m_haveStatus) {
                m_record.statusCode = grpc::StatusCode::CANCELLED;
                m_record.statusMessage = "cancelled by the server (client not reading, or shutting down)";
                m_record.latencyMs = elapsedMs();
                m_haveStatus = true;
            }
            methods->Proceed();
        }

    private:
        double elapsedMs() const
        {
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
        }

        grpc::experimental::ServerRpcInfo* m_info;
        const CallSink* m_sink;
        std::chrono::steady_clock::time_point m_start;
        CallRecord m_record;
        bool m_protobuf = false;
        bool m_raw = false; // served from raw bytes (outliers_service.h): the message is a ByteBuffer
        bool m_haveStatus = false;
        bool m_clientGone = false; // the call ended before its status reached the client
    };

    class CallLogFactory final : public grpc::experimental::ServerInterceptorFactoryInterface
    {
    public:
        explicit CallLogFactory(CallSink sink)
            : m_sink(std::move(sink))
        { }

        grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override
        {
            return new CallLogInterceptor(info, &m_sink);
        }

    private:
        CallSink m_sink;
    };

} // namespace

std::string formatCallRecord(const CallRecord& r, LogFormat format)
{
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.3f", r.latencyMs);
    std::string out;
    if (format == LogFormat::Json) {
        out = "{\"time\":\"" + utcNow() + "\",\"method\":";
        appendJsonString(out, r.method);
        out += ",\"peer\":";
        appendJsonString(out, r.peer);
        out += ",\"request_bytes\":" + (r.requestBytes < 0 ? std::string("null") : std::to_string(r.requestBytes));
        out += ",\"request_messages\":" + std::to_string(r.requestMessages);
        out += ",\"status\":\"" + std::string(statusCodeName(r.statusCode)) + "\",\"message\":";
        appendJsonString(out, r.statusMessage);
        out += ",\"latency_ms\":" + std::string(latency) + "}";
        return out;
    }
    out = utcNow() + " " + r.method + " " + (r.peer.empty() ? "-" : r.peer)
        + " request_bytes=" + (r.requestBytes < 0 ? std::string("-") : std::to_string(r.requestBytes))
        + " status=" + statusCodeName(r.statusCode) + " latency_ms=" + latency;
    if (!r.statusMessage.empty()) {
        std::string message;
        appendJsonString(message, r.statusMessage); // quoted and escaped: one line, whatever it says
        out += " message=" + message;
    }
    return out;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeCallLogInterceptorFactory(CallSink sink)
{
    return std::make_unique<CallLogFactory>(std::move(sink));
}

} // namespace od::rpc
