// outlierctl detect: read CSV files, find outliers locally or through pb.Outliers/Detect, print.

#include "arguments.h"
#include "commands.h"
#include "connection_options.h"
#include "detect_report.h"
#include "exit_codes.h"

#include "core/csv/csv_reader.h"
#include "core/detect/detector.h"
#include "core/report/incidents.h"
#include "rpc/client/channel.h"
#include "rpc/client/detector_client.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

namespace od::cli {
namespace {

    const char* kDetectUsage = R"(usage: outlierctl detect FILE.csv [FILE.csv ...] [options]

Finds the outliers of every series in the files, with the same core as the desktop app,
or on a remote outlierd with --remote (outlierdesk.v1, honouring the options below), falling
back to pb.Outliers/Detect (the server's own rule) on servers without it.

options:
  --method M          detector: %s (default alarm;
                      zscore is the reference rule of pb.Outliers/Detect)
  --threshold K       the detector's threshold, in its own unit (zscore k = 2, mad t = 3.5,
                      iqr c = 1.5, rolling k = 4, hampel t = 3, esd alpha = 0.05,
                      alarm ratio to the largest change in memory = 1.3)
  --window N          rolling: window length (default 30); hampel: half-width (default 7);
                      alarm: memory (default 4000)
  --period N          esd, alarm: points per season (default: inferred from the timestamps)
  --max-anoms F       esd: the largest share of points it may flag (default 0.02)
  --direction D       esd: both (default), up or down
  --series NAME       only this series (repeatable by listing files; names as in the file)
  --format F          text (default), json or csv
  --csv-rows R        with --format csv, one row per: outliers (default) or incidents
  --incident-gap N    flagged points at most N points apart join one incident
                      (default %zu); each incident's alarm is its first point
  --strict            fail on the first unreadable row instead of skipping it
  --time-unit U       bare numbers in the time column: auto (default: 11 or more digits
                      are milliseconds), s or ms
  --remote TARGET     detect on a server instead of locally: HOST:PORT, or several
                      (ipv4:10.0.0.1:50051,10.0.0.2:50051; dns:///name:50051), spread
                      round-robin, retried on another backend when one goes away. Without
                      --method the server's own rule applies
  --deadline-ms MS    deadline of each remote call (default 30000)
  --timings           print the time spent reading and detecting on stderr (wall time,
                      then CPU time of all threads)
  --fail-on-outliers  exit 1 when any point was flagged (for scripts and CI jobs)
  -h, --help          this text

%s
Text output leads each series with its incidents (start, duration, flagged points, peak and
why), then lists the outliers; JSON adds "incidents" and "incident_gap_points" per series,
"parameters" (as the method ran: threshold, window, period, ...; null period: inferred), and per
outlier the "band" it was judged against (lower, centre, upper) and "why" it was flagged.
With --remote, a server that groups (outlierdesk.v1) sends its incidents; otherwise they are
grouped here from the indices it returns.
Unreadable rows are skipped and reported on stderr (file:line:col) unless --strict.
exit codes: 0 success, 1 points were flagged and --fail-on-outliers was given,
            2 bad usage or bad input, 3 the remote call failed
)";

    double millisSince(std::chrono::steady_clock::time_point start)
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }

    // CPU time of all the process's threads, so that work spread over cores can be told from
    // work waiting for them on a loaded machine.
    double processCpuMillis()
    {
        timespec t {};
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
    }

    void reportSkipped(const std::string& file, const CsvData& data)
    {
        if (data.skipped == 0)
            return;
        // The counts add up to the file's lines, so a reader can see that nothing else went missing.
        std::cerr << "outlierctl: " << file << ": skipped " << data.skipped << " unreadable row"
                  << (data.skipped == 1 ? "" : "s") << " (" << data.rows << " read; " << data.lines()
                  << " lines in all); the first:\n";
        for (const auto& e : data.firstSkipped)
            std::cerr << "  " << e.toString() << "\n";
    }

} // namespace

int runDetect(const std::vector<std::string>& argv)
{
    Arguments args(
        withConnectionFlags({ "--method", "--threshold", "--window", "--period", "--max-anoms", "--direction",
            "--series", "--format", "--csv-rows", "--incident-gap", "--remote", "--deadline-ms", "--time-unit" }),
        withConnectionSwitches({ "--strict", "--timings", "--fail-on-outliers", "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("detect", *error);
    if (args.has("--help") || args.has("-h")) {
        std::printf(kDetectUsage, methodNames().c_str(), kIncidentGapPoints, kConnectionHelp);
        return kExitOk;
    }
    if (args.positional().empty())
        return usageError("detect", "no input file given");

    DetectorParams params;
    params.method = args.value("--method").value_or(kDefaultMethod);
    const MethodInfo* method = findMethod(params.method);
    if (!method)
        return usageError("detect", "unknown method '" + params.method + "' (known: " + methodNames() + ")");
    params.threshold = method->defaultThreshold;
    if (auto error = args.number("--threshold", -1e308, 1e308, "a number", params.threshold))
        return usageError("detect", *error);
    long long window = 0, period = 0;
    if (auto error = args.integer("--window", 0, 100'000'000, window))
        return usageError("detect", *error);
    if (auto error = args.integer("--period", 0, 100'000'000, period))
        return usageError("detect", *error);
    if (auto error = args.number("--max-anoms", -1e308, 1e308, "a number", params.maxAnoms))
        return usageError("detect", *error);
    params.window = static_cast<int>(window);
    params.period = static_cast<int>(period);
    const std::string direction = args.value("--direction").value_or("both");
    if (direction == "up")
        params.direction = Direction::Up;
    else if (direction == "down")
        params.direction = Direction::Down;
    else if (direction != "both")
        return usageError("detect", "--direction must be both, up or down, got '" + direction + "'");
    // One check of every parameter against the method's own ranges, before any file is read.
    if (auto valid = validate(params); !valid)
        return usageError("detect", valid.error().message);
    long long deadlineMs = 30'000;
    if (auto error = args.integer("--deadline-ms", 1, 24LL * 3600 * 1000, deadlineMs))
        return usageError("detect", *error);

    ReportFormat format = ReportFormat::Text;
    const std::string formatName = args.value("--format").value_or("text");
    if (formatName == "json")
        format = ReportFormat::Json;
    else if (formatName == "csv")
        format = ReportFormat::Csv;
    else if (formatName != "text")
        return usageError("detect", "--format must be text, json or csv, got '" + formatName + "'");
    CsvRows csvRows = CsvRows::Outliers;
    if (const auto rows = args.value("--csv-rows")) {
        if (format != ReportFormat::Csv)
            return usageError("detect", "--csv-rows goes with --format csv");
        if (*rows == "incidents")
            csvRows = CsvRows::Incidents;
        else if (*rows != "outliers")
            return usageError("detect", "--csv-rows must be outliers or incidents, got '" + *rows + "'");
    }
    long long incidentGap = -1;
    if (auto error = args.integer("--incident-gap", 0, 1'000'000'000, incidentGap))
        return usageError("detect", *error);
    // The gap rule for a series: the default for its times unless --incident-gap says otherwise.
    auto incidentRule = [&](const Series& s) {
        IncidentRule rule = defaultIncidentRule(s.times);
        if (incidentGap >= 0)
            rule.gapPoints = static_cast<std::size_t>(incidentGap);
        return rule;
    };

    const auto remote = args.value("--remote");
    rpc::ChannelOptions connection;
    if (auto error = connectionOptions(args, connection))
        return usageError("detect", *error);
    const bool detectorOptionsGiven = args.has("--method") || args.has("--threshold") || args.has("--window")
        || args.has("--period") || args.has("--max-anoms") || args.has("--direction");

    // Read every file first: a bad file fails before any remote call is made.
    CsvOptions csvOptions;
    csvOptions.strict = args.has("--strict");
    const std::string timeUnit = args.value("--time-unit").value_or("auto");
    if (timeUnit == "s")
        csvOptions.timeUnit = TimeUnit::Seconds;
    else if (timeUnit == "ms")
        csvOptions.timeUnit = TimeUnit::Milliseconds;
    else if (timeUnit != "auto")
        return usageError("detect", "--time-unit must be auto, s or ms, got '" + timeUnit + "'");
    std::vector<CsvData> files;
    const auto readStart = std::chrono::steady_clock::now();
    const double readCpuStart = processCpuMillis();
    for (const auto& path : args.positional()) {
        auto data = readCsvFile(path, csvOptions);
        if (!data) {
            std::cerr << "outlierctl: " << data.error().toString() << "\n";
            return kExitBadInput;
        }
        reportSkipped(path, *data);
        files.push_back(std::move(*data));
    }
    const double readMs = millisSince(readStart);
    const double readCpuMs = processCpuMillis() - readCpuStart;

    std::vector<const Series*> selected;
    const auto only = args.value("--series");
    for (const auto& f : files) {
        for (const auto& s : f.series) {
            if (!only || s.name == *only)
                selected.push_back(&s);
        }
    }
    if (only && selected.empty()) {
        std::string names;
        for (const auto& f : files) {
            for (const auto& s : f.series)
                names += (names.empty() ? "" : ", ") + s.name;
        }
        std::cerr << "outlierctl: no series named '" << *only << "' (the files hold: " << names << ")\n";
        return kExitBadInput;
    }

    std::vector<SeriesResult> results;
    const auto detectStart = std::chrono::steady_clock::now();
    const double detectCpuStart = processCpuMillis();
    if (remote) {
        // outlierdesk.v1 when the server offers it, so the detector options are honoured; the
        // seed-compatible pb.Outliers/Detect (the server's own rule) otherwise.
        auto channel = rpc::makeChannel(*remote, connection);
        rpc::DetectorCallOptions options;
        if (detectorOptionsGiven)
            options.params = params;
        if (incidentGap >= 0)
            options.incidentGapPoints = static_cast<std::size_t>(incidentGap);
        options.deadline = std::chrono::milliseconds(deadlineMs);
        std::optional<bool> offered;
        for (const Series* s : selected) {
            auto answer = rpc::detectRemoteBest(channel, *s, options, &offered);
            const char* service
                = answer.usedDetectorService ? "outlierdesk.v1.Detector/DetectStream" : "pb.Outliers/Detect";
            if (!answer.result.status.ok()) {
                std::cerr << "outlierctl: " << (offered ? service : "outlierdesk.v1.Detector/Capabilities") << " on "
                          << *remote << " failed for series '" << s->name << "': " << answer.result.status.toString()
                          << "\n";
                return kExitRemoteFailed;
            }
            SeriesResult result { s, std::move(answer.result.detection), {}, 0, std::nullopt };
            if (answer.usedDetectorService && detectorOptionsGiven)
                result.params = params; // what the server was asked to run
            if (answer.result.incidents) { // the server grouped: print its incidents
                result.incidents = std::move(*answer.result.incidents);
                result.incidentGapPoints = answer.result.incidentRule.gapPoints;
            } else { // indices only: group them here, with the file's values and times
                const IncidentRule rule = incidentRule(*s);
                result.incidents = groupIncidents(result.detection, s->values, s->times, rule);
                result.incidentGapPoints = rule.gapPoints;
            }
            results.push_back(std::move(result));
        }
        if (offered == false && detectorOptionsGiven) {
            std::cerr << "outlierctl: note: the server offers only pb.Outliers/Detect, which applies its own rule; "
                         "the detector options were not sent\n";
        }
    } else {
        for (const Series* s : selected) {
            // A band worked out again at the flags the report prints, not kept at every point.
            auto detection = detect(s->values, s->times, params, BandDetail::Replayed);
            if (!detection) {
                std::cerr << "outlierctl: " << detection.error().toString() << "\n";
                return kExitBadInput;
            }
            const IncidentRule rule = incidentRule(*s);
            auto incidents = groupIncidents(*detection, s->values, s->times, rule);
            results.push_back({ s, std::move(*detection), std::move(incidents), rule.gapPoints, params });
        }
    }
    const double detectMs = millisSince(detectStart);
    const double detectCpuMs = processCpuMillis() - detectCpuStart;

    const std::string report = formatReport(results, format, csvRows);
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (args.has("--timings")) {
        std::fprintf(stderr, "timings: read %.1f ms, detect %.1f ms%s; CPU read %.1f ms, detect %.1f ms\n", readMs,
            detectMs, remote ? " (remote, including the calls)" : "", readCpuMs, detectCpuMs);
    }
    if (args.has("--fail-on-outliers")) {
        for (const auto& r : results) {
            if (!r.detection.indices.empty())
                return kExitOutliersFound;
        }
    }
    return kExitOk;
}

int usageError(const std::string& command, const std::string& message)
{
    std::cerr << "outlierctl " << command << ": " << message << "\n(see 'outlierctl " << command << " --help')\n";
    return kExitBadInput;
}

} // namespace od::cli
