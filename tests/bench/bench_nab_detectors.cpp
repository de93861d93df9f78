// Runs every detector, with its defaults, over every labelled series of the Numenta Anomaly
// Benchmark (../shared/data/nab) and prints, per detector: the share of labelled anomaly
// windows it hits (at least one detection inside) and the false alarms it raises (detections
// outside every window) per 1000 points. The evidence behind the default method.
//
// usage: bench_nab_detectors [NAB_DIR] [--method M ...] [--threshold K] [--window N]
//                            [--max-anoms F] [--period N]   (to sweep one method's parameters)

#include "core/csv/csv_reader.h"
#include "core/csv/time_format.h"
#include "core/detect/detector.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Window
{
    std::int64_t begin;
    std::int64_t end;
};

struct Tally
{
    std::size_t windows = 0, hit = 0, points = 0, falseAlarms = 0, detections = 0;
    double seconds = 0;
};

} // namespace

int main(int argc, char** argv)
{
    std::string nab = OD_NAB_DIR;
    std::vector<std::string> only;
    od::DetectorParams overrides;
    overrides.threshold = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--method" && hasValue)
            only.push_back(argv[++i]);
        else if (a == "--threshold" && hasValue)
            overrides.threshold = std::atof(argv[++i]);
        else if (a == "--window" && hasValue)
            overrides.window = std::atoi(argv[++i]);
        else if (a == "--max-anoms" && hasValue)
            overrides.maxAnoms = std::atof(argv[++i]);
        else if (a == "--period" && hasValue)
            overrides.period = std::atoi(argv[++i]);
        else
            nab = a;
    }
    QFile file(QString::fromStdString(nab + "/labels/combined_windows.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s/labels/combined_windows.json\n", nab.c_str());
        return 2;
    }
    const QJsonObject labels = QJsonDocument::fromJson(file.readAll()).object();

    std::vector<od::DetectorParams> runs;
    for (const auto& m : od::methods()) {
        if (!only.empty() && std::find(only.begin(), only.end(), m.name) == only.end())
            continue;
        od::DetectorParams p = overrides;
        p.method = m.name;
        p.threshold = overrides.threshold >= 0 ? overrides.threshold : m.defaultThreshold;
        runs.push_back(p);
    }
    std::vector<Tally> tallies(runs.size());
    std::size_t files = 0;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        const std::string path = nab + "/data/" + it.key().toStdString();
        auto data = od::readCsvFile(path);
        if (!data || data->series.empty()) {
            std::fprintf(
                stderr, "skipping %s: %s\n", path.c_str(), data ? "no series" : data.error().toString().c_str());
            continue;
        }
        ++files;
        const od::Series& s = data->series.front();
        std::vector<Window> windows;
        for (const auto& w : it.value().toArray()) {
            const auto pair = w.toArray();
            windows.push_back(
                { *od::parseTime(pair[0].toString().toStdString()), *od::parseTime(pair[1].toString().toStdString()) });
        }
        for (std::size_t r = 0; r < runs.size(); ++r) {
            const auto start = std::chrono::steady_clock::now();
            auto d = od::detect(s.values, s.times, runs[r]);
            tallies[r].seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (!d) {
                std::fprintf(
                    stderr, "%s on %s: %s\n", runs[r].method.c_str(), path.c_str(), d.error().toString().c_str());
                continue;
            }
            std::vector<bool> hit(windows.size(), false);
            for (const std::size_t i : d->indices) {
                bool inside = false;
                for (std::size_t w = 0; w < windows.size(); ++w) {
                    if (s.times[i] >= windows[w].begin && s.times[i] <= windows[w].end)
                        hit[w] = inside = true;
                }
                tallies[r].falseAlarms += !inside;
            }
            tallies[r].windows += windows.size();
            tallies[r].hit += static_cast<std::size_t>(std::count(hit.begin(), hit.end(), true));
            tallies[r].points += s.size();
            tallies[r].detections += d->indices.size();
        }
    }
    std::printf("NAB: %zu series, %zu points, %zu labelled windows\n\n", files, tallies.empty() ? 0 : tallies[0].points,
        tallies.empty() ? 0 : tallies[0].windows);
    std::printf("| method | threshold | windows found | false alarms / 1000 points | detections | time |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Tally& t = tallies[r];
        std::printf("| %s | %g | %zu/%zu (%.0f%%) | %.2f | %zu | %.0f ms |\n", runs[r].method.c_str(),
            runs[r].threshold, t.hit, t.windows,
            t.windows ? 100.0 * static_cast<double>(t.hit) / static_cast<double>(t.windows) : 0.0,
            t.points ? 1000.0 * static_cast<double>(t.falseAlarms) / static_cast<double>(t.points) : 0.0, t.detections,
            t.seconds * 1000);
    }
    return 0;
}
