// zscore and mad on 10 million values, beside the numpy equivalents, in one run: prints each
// time (best of several runs) and the ratio. numpy runs in /usr/bin/python3 on the very same
// values (written to a temporary raw file). Also the default detector, alarm, in batch and
// point by point (its live rate), beside numpy doing only the cheapest part of its work: the
// level view's sliding maximum and minimum over 4000 points (van Herk / Gil-Werman, vectorized).
//
// usage: bench_detect_speed [N]   (default 10,000,000)

#include "core/detect/alarm_detector.h"
#include "core/detect/detector.h"
#include "core/kernels/vector_kernels_wide.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

template <typename F> double bestMs(int runs, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(
            best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
    std::vector<double> values(n);
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal(50, 5);
    for (double& v : values)
        v = normal(rng);
    for (std::size_t i = 0; i < n; i += 9973)
        values[i] += 80; // spikes

    const auto dir = std::filesystem::temp_directory_path() / "od-bench-detect";
    std::filesystem::create_directories(dir);
    const auto raw = dir / "values.f64";
    {
        std::ofstream out(raw, std::ios::binary);
        out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(n * sizeof(double)));
    }

    std::size_t zCount = 0, madCount = 0;
    od::DetectorParams z;
    z.method = "zscore";
    z.threshold = 2;
    od::DetectorParams m;
    m.method = "mad";
    m.threshold = 3.5;
    const double zMs = bestMs(5, [&] { zCount = od::detect(values, {}, z)->indices.size(); });
    const double madMs = bestMs(5, [&] { madCount = od::detect(values, {}, m)->indices.size(); });
    od::DetectorParams a = od::defaultParams("alarm");
    a.period = 288; // a day of 5-minute points: all four views at work
    std::size_t alarmCount = 0;
    const double alarmMs = bestMs(3, [&] { alarmCount = od::detect(values, {}, a)->indices.size(); });
    std::size_t liveCount = 0;
    const double liveMs = bestMs(3, [&] {
        od::AlarmDetector live({ 4000, 1.3, 288 });
        liveCount = 0;
        for (const double v : values)
            liveCount += live.push(v).alarm ? 1 : 0;
    });
    // The same on the narrower paths, as CPUs without AVX-512 (or AVX2) run it.
    using od::kernels::wide::Path;
    const Path widest = od::kernels::wide::widest();
    od::kernels::wide::cap(Path::Avx2);
    const double zAvx2Ms = bestMs(5, [&] { od::detect(values, {}, z); });
    od::kernels::wide::cap(Path::Portable);
    const double zPortableMs = bestMs(5, [&] { od::detect(values, {}, z); });
    od::kernels::wide::cap(Path::Avx512);

    const std::string script = "import numpy as np, time\n"
                               "d = np.fromfile('"
        + raw.string()
        + "', dtype=np.float64)\n"
          "def best(f):\n"
          "    b = 1e300\n"
          "    for _ in range(5):\n"
          "        t = time.perf_counter(); r = f(); b = min(b, time.perf_counter() - t)\n"
          "    return b * 1000, r\n"
          "zt, zi = best(lambda: np.where(np.abs(d - d.mean()) > 2 * d.std())[0])\n"
          "def mad():\n"
          "    med = np.median(d); mad = np.median(np.abs(d - med))\n"
          "    return np.where(np.abs(0.6745 * (d - med) / mad) > 3.5)[0]\n"
          "mt, mi = best(mad)\n"
          "def level(L=4000):\n"
          "    n = len(d); pad = (-n) % L\n"
          "    out = []\n"
          "    for x in (d, -d):\n"
          "        b = np.concatenate([x, np.full(pad, -np.inf)]).reshape(-1, L)\n"
          "        g = np.maximum.accumulate(b, axis=1).ravel()\n"
          "        h = np.maximum.accumulate(b[:, ::-1], axis=1)[:, ::-1].ravel()\n"
          "        out.append(np.maximum(h[:n - L], g[L - 1:n - 1]))\n"
          "    return out\n"
          "lt, _ = best(level)\n"
          "print(zt, len(zi), mt, len(mi), lt)\n";
    const auto scriptPath = dir / "numpy_side.py";
    std::ofstream(scriptPath) << script;
    const std::string cmd = "/usr/bin/python3 " + scriptPath.string() + " > " + (dir / "numpy.out").string();
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "numpy side failed (is python3-numpy installed?)\n");
        return 1;
    }
    double npZ = 0, npMad = 0, npLevel = 0;
    std::size_t npZCount = 0, npMadCount = 0;
    std::ifstream(dir / "numpy.out") >> npZ >> npZCount >> npMad >> npMadCount >> npLevel;
    std::filesystem::remove_all(dir);

    std::printf("detection speed on %zu values (best of 5)\n\n", n);
    std::printf("| method | OutlierDesk core | numpy | ratio | outliers (ours / numpy) |\n|---|---|---|---|---|\n");
    std::printf("| zscore | %.1f ms | %.1f ms | %.1fx | %zu / %zu |\n", zMs, npZ, npZ / zMs, zCount, npZCount);
    if (widest == Path::Avx512)
        std::printf("| zscore, AVX2 path (no AVX-512) | %.1f ms | %.1f ms | %.1fx | |\n", zAvx2Ms, npZ, npZ / zAvx2Ms);
    if (widest != Path::Portable)
        std::printf("| zscore, four-lane path (no AVX2) | %.1f ms | %.1f ms | %.1fx | |\n", zPortableMs, npZ,
            npZ / zPortableMs);
    std::printf("| mad | %.1f ms | %.1f ms | %.1fx | %zu / %zu |\n", madMs, npMad, npMad / madMs, madCount, npMadCount);
    std::printf(
        "| alarm (batch, period 288) | %.1f ms | %.1f ms (level view's sliding max/min only) | %.1fx | %zu / - |\n",
        alarmMs, npLevel, npLevel / alarmMs, alarmCount);
    std::printf("| alarm, point by point | %.1f ms: %.1f ns a point, %.1f million ticks/s | | | %zu / - |\n", liveMs,
        liveMs * 1e6 / static_cast<double>(n), static_cast<double>(n) / liveMs / 1e3, liveCount);
    if (widest != Path::Avx512)
        std::printf("\nThis CPU has no AVX-512%s: the first zscore row ran the narrower path.\n",
            widest == Path::Portable ? " nor AVX2" : "");
    return 0;
}
