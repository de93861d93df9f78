#include "reflection.h"

#include "call_failure.h"

#include "rpc/client/call_canceller.h"

#include "outlierdesk/mirror/reflection.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/descriptor_database.h>

#include <grpcpp/support/status.h>

#include <set>

namespace od::rpc {
namespace {

    namespace mirror = outlierdesk::mirror::reflection;
    namespace pb = google::protobuf;

    constexpr const char* kVersions[][2] = {
        { "grpc.reflection.v1", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo" },
        { "grpc.reflection.v1alpha", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo" },
    };
    // Rounds of asking for missing imports before giving up on a server that never sends them.
    constexpr int kMaxRounds = 8;

    // The descriptors the server sent, with protobuf's own well-known types behind them for
    // servers that leave those out; the pool builds each file on first use.
    struct Received
    {
        pb::SimpleDescriptorDatabase sent;
        pb::DescriptorPoolDatabase builtIn { *pb::DescriptorPool::generated_pool() };
        pb::MergedDescriptorDatabase merged { &sent, &builtIn };
        pb::DescriptorPool pool { &merged };
        std::set<std::string> names;

        void add(const std::string& bytes)
        {
            pb::FileDescriptorProto file;
            if (!file.ParseFromString(bytes) || names.count(file.name()))
                return;
            names.insert(file.name());
            sent.Add(file);
        }

        // Imports neither sent nor built in, each asked for once.
        std::vector<std::string> missingImports()
        {
            std::vector<std::string> out;
            pb::FileDescriptorProto file;
            for (const auto& name : names) {
                if (!sent.FindFileByName(name, &file))
                    continue;
                for (const auto& dependency : file.dependency()) {
                    if (!names.count(dependency) && !asked.count(dependency)
                        && !pb::DescriptorPool::generated_pool()->FindFileByName(dependency)) {
                        asked.insert(dependency);
                        out.push_back(dependency);
                    }
                }
            }
            return out;
        }
        std::set<std::string> asked;
    };

    std::string request(const std::function<void(mirror::ServerReflectionRequest&)>& fill)
    {
        mirror::ServerReflectionRequest message;
        fill(message);
        return message.SerializeAsString();
    }

    bool cancelled(const CallSettings& settings)
    {
        return settings.canceller && settings.canceller->cancelled();
    }

    const char* const kCancelled = "asking the server what it offers was cancelled";

} // namespace

Result<Schema> discoverByReflection(
    const std::shared_ptr<grpc::Channel>& channel, CallSettings settings, const ChannelFacts& facts)
{
    if (settings.deadline.count() <= 0)
        settings.deadline = std::chrono::seconds(10);
    std::string version;
    std::string path;
    Exchange listed;
    for (const auto& [name, candidate] : kVersions) {
        listed = exchange(channel, candidate, settings,
            { request([](mirror::ServerReflectionRequest& r) { r.set_list_services("*"); }) });
        if (cancelled(settings))
            return Error(kCancelled);
        if (listed.end.status.code != grpc::StatusCode::UNIMPLEMENTED) {
            version = name;
            path = candidate;
            break;
        }
    }
    if (version.empty())
        return Error("the server offers no reflection (neither grpc.reflection.v1 nor v1alpha): give its .proto "
                     "files with --proto FILE (and -I DIR for their imports)");
    if (!listed.end.status.ok())
        return Error(
            "asking the server what it offers (" + version + ") failed: " + describeFailure(listed.end.status, facts));

    std::vector<std::string> services;
    for (const auto& bytes : listed.responses) {
        mirror::ServerReflectionResponse response;
        if (!response.ParseFromString(bytes))
            return Error("the server's reflection answer cannot be read (" + version + ")");
        if (response.has_error_response())
            return Error(
                "the server's reflection refused to list its services: " + response.error_response().error_message());
        for (const auto& service : response.list_services_response().service())
            services.push_back(service.name());
    }

    auto received = std::make_shared<Received>();
    std::vector<std::string> asks;
    for (const auto& service : services)
        asks.push_back(request([&](mirror::ServerReflectionRequest& r) { r.set_file_containing_symbol(service); }));
    for (int round = 0; round < kMaxRounds && !asks.empty(); ++round) {
        const Exchange files = exchange(channel, path, settings, asks);
        if (cancelled(settings))
            return Error(kCancelled);
        if (!files.end.status.ok())
            return Error("fetching descriptions from the server (" + version
                + ") failed: " + describeFailure(files.end.status, facts));
        for (const auto& bytes : files.responses) {
            mirror::ServerReflectionResponse response;
            if (!response.ParseFromString(bytes))
                continue;
            // A service the server cannot describe (grpc++'s health service) stays listed,
            // without methods: Schema::unresolved().
            for (const auto& file : response.file_descriptor_response().file_descriptor_proto())
                received->add(file);
        }
        asks.clear();
        for (const auto& missing : received->missingImports())
            asks.push_back(request([&](mirror::ServerReflectionRequest& r) { r.set_file_by_filename(missing); }));
    }
    auto* pool = &received->pool;
    return Schema(std::move(received), pool, std::move(services), "reflection (" + version + ")");
}

} // namespace od::rpc
