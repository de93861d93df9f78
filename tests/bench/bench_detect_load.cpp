// Detect under load, outlierd against the reference Python server (grpcio + numpy, as the
// original service), in one run: p50/p99 latency and throughput of pb.Outliers/Detect for
// 1,000- and 100,000-metric requests at 1, 8 and 64 concurrent calls, then the ratios.
// Both servers are started here on 127.0.0.1 and stopped at the end; every case is bounded in
// time and in calls.
//
//   bench_detect_load [--seconds S] [--max-calls N] [--outlierd PATH] [--python PATH]
//
// Build it Release (cmake -DCMAKE_BUILD_TYPE=Release) for figures worth quoting.

#include "pb/outliers.pb.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Child
{
    pid_t pid = -1;
    int port = 0;
};

// Starts argv with stdout on a pipe, stderr to /dev/null, and waits for "listening on
// 127.0.0.1:PORT".
Child startServer(const std::vector<std::string>& argv)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    Child child;
    child.pid = fork();
    if (child.pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        if (FILE* null = std::fopen("/dev/null", "w"))
            dup2(fileno(null), STDERR_FILENO);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buf[256];
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        const auto at = out.find("listening on 127.0.0.1:");
        if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
            child.port = std::atoi(out.c_str() + at + std::strlen("listening on 127.0.0.1:"));
            break;
        }
    }
    close(fds[0]); // the servers print nothing more on stdout
    return child;
}

void stopServer(const Child& child)
{
    if (child.pid <= 0)
        return;
    kill(child.pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (waitpid(child.pid, nullptr, WNOHANG) == child.pid)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(child.pid, SIGKILL);
    waitpid(child.pid, nullptr, 0);
}

pb::OutliersRequest makeRequest(int metrics)
{
    std::mt19937_64 random(42);
    std::normal_distribution<double> noise(100.0, 5.0);
    pb::OutliersRequest request;
    for (int i = 0; i < metrics; ++i) {
        auto* m = request.add_metrics();
        m->mutable_time()->set_seconds(1'700'000'000 + i);
        m->set_name("cpu");
        m->set_value(i % 500 == 7 ? 400.0 : noise(random));
    }
    return request;
}

struct Figures
{
    long long calls = 0;
    long long failures = 0;
    double p50Ms = NAN;
    double p99Ms = NAN;
    double callsPerSecond = NAN;
};

// concurrency threads, each one call at a time, until the time or the call budget is spent
// (every thread makes at least one call).
// The request is serialized once, and each call sends those bytes: the client's own work per
// call is then the same small amount for both servers, and the figures are the servers'.
Figures run(const std::shared_ptr<grpc::Channel>& channel, const std::string& request, int concurrency, double seconds,
    long long maxCalls)
{
    grpc::GenericStub stub(channel);
    std::atomic<long long> started { 0 };
    std::atomic<long long> failures { 0 };
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(concurrency));
    const auto start = Clock::now();
    const auto stopAt = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> threads;
    for (int t = 0; t < concurrency; ++t) {
        threads.emplace_back([&, t] {
            bool first = true;
            while (first || (Clock::now() < stopAt && started.load() < maxCalls)) {
                first = false;
                ++started;
                grpc::ClientContext context;
                context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
                grpc::Slice slice(request);
                grpc::ByteBuffer requestBytes(&slice, 1);
                grpc::ByteBuffer response;
                std::mutex mutex;
                std::condition_variable cv;
                bool done = false;
                grpc::Status status;
                const auto t0 = Clock::now();
                stub.UnaryCall(&context, "/pb.Outliers/Detect", grpc::StubOptions(), &requestBytes, &response,
                    [&](grpc::Status s) {
                        std::lock_guard lock(mutex);
                        status = std::move(s);
                        done = true;
                        cv.notify_one();
                    });
                {
                    std::unique_lock lock(mutex);
                    cv.wait(lock, [&] { return done; });
                }
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                if (status.ok())
                    latencies[static_cast<std::size_t>(t)].push_back(ms);
                else
                    ++failures;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (const auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    Figures f;
    f.calls = static_cast<long long>(all.size());
    f.failures = failures.load();
    if (!all.empty()) {
        auto pick = [&](double q) {
            return all[std::min(all.size() - 1, static_cast<std::size_t>(q * static_cast<double>(all.size())))];
        };
        f.p50Ms = pick(0.50);
        f.p99Ms = pick(0.99);
        f.callsPerSecond = static_cast<double>(all.size()) / elapsed;
    }
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 3.0;
    long long maxCalls = 20'000;
    std::string outlierd = OD_OUTLIERD;
    std::string python = OD_PYTHON;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--seconds")
            seconds = std::clamp(std::atof(argv[i + 1]), 0.1, 60.0);
        else if (flag == "--max-calls")
            maxCalls = std::clamp(std::atoll(argv[i + 1]), 1LL, 1'000'000LL);
        else if (flag == "--outlierd")
            outlierd = argv[i + 1];
        else if (flag == "--python")
            python = argv[i + 1];
    }

    struct Server
    {
        const char* name;
        Child child;
    };
    Server servers[] = {
        { "outlierd", startServer({ outlierd, "--listen", "127.0.0.1:0", "--log-format", "none" }) },
        { "python", startServer({ python, OD_REFERENCE_SERVER, "--port", "0", "--proto-dir", OD_PROTO_DIR }) },
    };
    for (const auto& s : servers) {
        if (s.child.port == 0) {
            std::fprintf(stderr, "bench_detect_load: %s did not start\n", s.name);
            for (const auto& t : servers)
                stopServer(t.child);
            return 1;
        }
    }

    const int sizes[] = { 1'000, 100'000 };
    const int concurrencies[] = { 1, 8, 64 };
    std::printf("pb.Outliers/Detect on 127.0.0.1, %.1f s or %lld calls per case, %u hardware threads\n\n", seconds,
        maxCalls, std::thread::hardware_concurrency());
    std::printf(
        "%-9s %8s %5s %9s %10s %10s %10s\n", "server", "metrics", "conc", "calls", "p50 ms", "p99 ms", "calls/s");
    Figures results[2][2][3];
    for (int si = 0; si < 2; ++si) {
        const std::string request = makeRequest(sizes[si]).SerializeAsString();
        for (int ci = 0; ci < 3; ++ci) {
            for (int s = 0; s < 2; ++s) {
                // A channel per case, so one case's connection state does not carry into the next.
                grpc::ChannelArguments args;
                args.SetMaxSendMessageSize(64 * 1024 * 1024);
                args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
                auto channel = grpc::CreateCustomChannel(
                    "127.0.0.1:" + std::to_string(servers[s].child.port), grpc::InsecureChannelCredentials(), args);
                Figures& f = results[s][si][ci];
                f = run(channel, request, concurrencies[ci], seconds, maxCalls);
                std::printf("%-9s %8d %5d %9lld %10.3f %10.3f %10.1f%s\n", servers[s].name, sizes[si],
                    concurrencies[ci], f.calls, f.p50Ms, f.p99Ms, f.callsPerSecond,
                    f.failures ? ("  (" + std::to_string(f.failures) + " failed)").c_str() : "");
                std::fflush(stdout);
            }
        }
    }
    for (const auto& s : servers)
        stopServer(s.child);

    std::printf("\nratios, outlierd against python (higher is better for outlierd):\n");
    std::printf("%8s %5s %14s %14s %14s\n", "metrics", "conc", "p50 latency", "p99 latency", "throughput");
    for (int si = 0; si < 2; ++si) {
        for (int ci = 0; ci < 3; ++ci) {
            const Figures& o = results[0][si][ci];
            const Figures& p = results[1][si][ci];
            std::printf("%8d %5d %13.1fx %13.1fx %13.1fx\n", sizes[si], concurrencies[ci], p.p50Ms / o.p50Ms,
                p.p99Ms / o.p99Ms, o.callsPerSecond / p.callsPerSecond);
        }
    }
    std::printf("\ngoals: latency on 100,000 metrics >= 10x; throughput on 1,000 metrics >= 5x\n");
    return 0;
}
