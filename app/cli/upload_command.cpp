// outlierctl upload: stream a series to greeter.Greeter/RecordMetrics, print the server's count
// and average beside the ones computed here.

#include "arguments.h"
#include "call_waiter.h"
#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"
#include "remote_call.h"

#include "core/csv/csv_reader.h"
#include "rpc/client/metrics_upload.h"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace od::cli {

int runUpload(const std::vector<std::string>& argv)
{
    Arguments args(withRemoteFlags({ "--series" }), withConnectionSwitches({ "--help", "-h", "--strict" }));
    if (auto error = args.parse(argv))
        return usageError("upload", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl upload --remote HOST:PORT FILE.csv [--series NAME] [--strict]\n"
                     "                         [connection options]\n\n"
                     "Streams the values of one series (the first, or NAME) to greeter.Greeter/RecordMetrics\n"
                     "and prints the server's count and average beside the local ones. Missing values are\n"
                     "not sent.\n\n"
                  << kConnectionHelp << "\nexit codes: 0 success, 2 bad usage or input, 3 the call failed\n";
        return kExitOk;
    }
    RemoteCall call;
    if (auto error = remoteCallArguments(args, call))
        return usageError("upload", *error);
    if (args.positional().size() != 1)
        return usageError("upload", "give exactly one FILE.csv");
    CsvOptions options;
    options.strict = args.has("--strict");
    auto data = readCsvFile(args.positional().front(), options);
    if (!data) {
        std::cerr << "outlierctl: " << data.error().toString() << "\n";
        return kExitBadInput;
    }
    std::shared_ptr<const Series> series;
    const auto only = args.value("--series");
    for (auto& s : data->series) {
        if (!only || s.name == *only) {
            series = std::make_shared<const Series>(std::move(s));
            break;
        }
    }
    if (!series) {
        std::cerr << "outlierctl: no series named '" << *only << "' in " << args.positional().front() << "\n";
        return kExitBadInput;
    }

    long double sum = 0;
    std::int64_t count = 0;
    for (const double v : series->values) {
        if (!std::isnan(v)) {
            sum += v;
            ++count;
        }
    }
    const double localAverage = count ? static_cast<double>(sum / count) : 0.0;

    CallWaiter waiter;
    rpc::UploadSummary summary;
    rpc::MetricsUpload::Callbacks callbacks;
    callbacks.finished = [&](const rpc::UploadSummary& s) {
        summary = s;
        waiter.finish(s.status);
    };
    auto upload = rpc::MetricsUpload::start(call.channel(), series, callbacks);
    const rpc::RpcStatus status = waiter.wait();
    if (!status.ok()) {
        std::cerr << "outlierctl: RecordMetrics on " << call.endpoint << " failed after " << summary.sent
                  << " values: " << status.toString() << "\n";
        return kExitRemoteFailed;
    }
    std::printf("series %s: sent %lld values\n", series->name.c_str(), static_cast<long long>(summary.sent));
    std::printf("server: count %lld average %.17g\n", static_cast<long long>(summary.count), summary.average);
    std::printf("local:  count %lld average %.17g\n", static_cast<long long>(count), localAverage);
    const bool same = summary.count == count
        && std::fabs(summary.average - localAverage) <= 1e-9 * std::max(1.0, std::fabs(localAverage));
    if (!same)
        std::printf("the server's figures differ from the local ones\n");
    return kExitOk;
}

} // namespace od::cli
