#pragma once
// Helpers shared by the server tests: an in-process server on a free loopback port, raw calls
// by method name (for services or bytes the typed stubs cannot send), and memory use.

#include "rpc/server/outliers_service.h"
#include "rpc/server/server.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/byte_buffer.h>

#include <QTest>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

namespace odtest {

inline std::unique_ptr<od::rpc::Server> startServer(od::rpc::ServerOptions options = {})
{
    options.listen = "127.0.0.1:0";
    auto server = od::rpc::Server::start(options);
    if (!server)
        qFatal("cannot start the server: %s", server.error().toString().c_str());
    return std::move(*server);
}

inline std::string target(const od::rpc::Server& server)
{
    return "127.0.0.1:" + std::to_string(server.port());
}

// A server with only the seed-compatible pb.Outliers service, as the ones in the wild: no
// outlierdesk.v1, so clients have to fall back. Stopped (and the port freed) when destroyed.
struct SeedServer
{
    od::rpc::OutliersService service; // declared first: outlives the server that calls it
    std::unique_ptr<grpc::Server> server;
    int port = 0;

    std::string target() const { return "127.0.0.1:" + std::to_string(port); }
    ~SeedServer()
    {
        if (server)
            server->Shutdown(std::chrono::system_clock::now());
    }
};

inline std::unique_ptr<SeedServer> startSeedServer()
{
    auto seed = std::make_unique<SeedServer>();
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &seed->port);
    builder.RegisterService(&seed->service);
    seed->server = builder.BuildAndStart();
    if (!seed->server || seed->port <= 0)
        qFatal("cannot start a pb.Outliers-only server on 127.0.0.1");
    return seed;
}

struct RawReply
{
    grpc::Status status;
    std::string bytes;
};

// Sends bytes as the request of a unary method and waits for the outcome.
inline RawReply rawUnary(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
    const std::string& bytes, std::chrono::seconds deadline = std::chrono::seconds(10))
{
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    RawReply reply;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
        std::lock_guard lock(mutex);
        reply.status = std::move(s);
        done = true;
        cv.notify_one();
    });
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return done; });
    if (reply.status.ok()) {
        std::vector<grpc::Slice> slices;
        (void)response.Dump(&slices);
        for (const auto& s : slices)
            reply.bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    return reply;
}

// Calls any method, unary or streaming, by its path: one empty message (every field at its
// default), then the half-close, then every answer read and dropped. Returns the call's status.
// On the wire every kind of call is a stream, so one helper reaches every handler.
inline grpc::Status callWithOneEmptyMessage(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
    std::chrono::seconds deadline = std::chrono::seconds(10))
{
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    grpc::CompletionQueue queue;
    // One operation in flight at a time, so the queue hands back each one's outcome in turn.
    const auto await = [&queue] {
        void* tag = nullptr;
        bool ok = false;
        return queue.Next(&tag, &ok) && ok;
    };
    auto call = stub.PrepareCall(&context, method, &queue);
    grpc::Status status;
    call->StartCall(nullptr);
    if (await()) {
        grpc::Slice nothing(std::string {});
        const grpc::ByteBuffer request(&nothing, 1);
        call->WriteLast(request, grpc::WriteOptions(), nullptr);
        await(); // a refused call may fail the write: the status says why
        grpc::ByteBuffer answer;
        call->Read(&answer, nullptr);
        while (await())
            call->Read(&answer, nullptr);
    }
    call->Finish(&status, nullptr);
    await();
    queue.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (queue.Next(&tag, &ok)) { }
    return status;
}

// grpc.health.v1.Health/Check for the whole server; Debian installs no health.proto, so the
// messages are written by hand: an empty request, and {status = 1 SERVING | 2 NOT_SERVING}.
inline int healthStatus(const std::shared_ptr<grpc::Channel>& channel)
{
    const RawReply r = rawUnary(channel, "/grpc.health.v1.Health/Check", std::string());
    if (!r.status.ok())
        return -static_cast<int>(r.status.error_code());
    if (r.bytes.empty())
        return 0; // UNKNOWN, the default value, is not written
    return r.bytes.size() == 2 && r.bytes[0] == 0x08 ? r.bytes[1] : -100;
}

// Resident memory of this process, in bytes.
inline long long residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    long long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}

} // namespace odtest
