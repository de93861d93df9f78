// outlierctl render: the chart the app would show, with outliers marked, as a PNG or an SVG,
// with no display (Qt's offscreen platform).

#include "arguments.h"
#include "commands.h"
#include "exit_codes.h"

#include "chart/chartcaption.h"
#include "chart/chartimage.h"

#include "core/csv/csv_reader.h"
#include "core/detect/detector.h"

#include <QApplication>
#include <QFileInfo>

#include <cstdlib>
#include <future>
#include <iostream>
#include <optional>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace od::cli {

int runRender(const std::vector<std::string>& argv)
{
    Arguments args({ "-o", "--output", "--width", "--height", "--method", "--threshold" },
        { "--help", "-h", "--dark", "--local-time" });
    if (auto error = args.parse(argv))
        return usageError("render", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl render FILE.csv [FILE.csv ...] -o OUT.png|OUT.svg [--width W] [--height H]\n"
                     "                         [--method M] [--threshold K] [--dark] [--local-time]\n\n"
                     "Draws the chart the desktop app shows (every series, outliers as red markers) into a\n"
                     "PNG, or an SVG when OUT ends in .svg, without a display, under a title line naming\n"
                     "the files, the method and its parameters, the time span and the clock. Default size\n"
                     "1280x720 (the whole picture, title line included);\n"
                     "default method as for detect. --dark: the app's dark colours; --local-time: the time\n"
                     "axis in the local time zone instead of UTC.\n"
                     "exit codes: 0 success, 2 bad usage or input\n";
        return kExitOk;
    }
    const auto output = args.value("-o") ? args.value("-o") : args.value("--output");
    if (!output)
        return usageError("render", "-o OUT.png or -o OUT.svg is required");
    if (args.positional().empty())
        return usageError("render", "no input file given");
    long long width = 1280, height = 720;
    if (auto error = args.integer("--width", 200, 10000, width))
        return usageError("render", *error);
    if (auto error = args.integer("--height", 150, 10000, height))
        return usageError("render", *error);
    DetectorParams params = defaultParams(args.value("--method").value_or(kDefaultMethod));
    if (!findMethod(params.method))
        return usageError("render", "unknown method '" + params.method + "' (known: " + methodNames() + ")");
    if (auto error = args.number("--threshold", -1e308, 1e308, "a number", params.threshold))
        return usageError("render", *error);
    if (auto valid = validate(params); !valid)
        return usageError("render", valid.error().message);

    std::vector<std::string> paths(args.positional().begin(), args.positional().end());
    auto data = readCsvFiles(paths);
    if (!data) {
        std::cerr << "outlierctl: " << data.error().toString() << "\n";
        return kExitBadInput;
    }
    auto dataset = std::make_shared<Dataset>();
    dataset->series = std::move(data->series);
    for (const auto& p : paths)
        dataset->files << QString::fromStdString(p);

    // No display is needed: without one, draw with the offscreen platform.
    if (!std::getenv("QT_QPA_PLATFORM") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    // Qt warns on stderr when there is no runtime directory (as under cron or CI); give it a
    // private one instead of noise in a script's output.
    if (!std::getenv("XDG_RUNTIME_DIR")) {
        const std::string dir = "/tmp/outlierctl-runtime-" + std::to_string(getuid());
        mkdir(dir.c_str(), 0700);
        setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);
    }

    // Detection on other threads while this one measures the series, builds their drawing
    // pyramids and starts Qt: all of them only read the series and each writes its own results,
    // so they are the same as one after the other. With several series, two threads take every
    // other one. (The environment is set above: setenv beside a running thread is not safe.)
    // A picture of a long series needs only the band's blocks, not its 16 bytes a point: the
    // same outliers, scores and incidents as `detect` finds (core/detection.h, BandDetail).
    const std::size_t seriesCount = dataset->series.size();
    std::vector<std::optional<Result<Detection>>> detected(seriesCount);
    const auto detectEveryOther = [&](std::size_t first) {
        for (std::size_t i = first; i < seriesCount; i += 2) {
            const Series& s = dataset->series[i];
            detected[i] = detect(s.values, s.times, params, bandDetailForPicture(s.size(), int(width)));
        }
    };
    auto evens = std::async(std::launch::async, detectEveryOther, 0);
    auto odds = std::async(seriesCount > 1 ? std::launch::async : std::launch::deferred, detectEveryOther, 1);
    // As the app's loader does: each series measured once and given its drawing pyramid, so
    // that framing and decimating the chart do not scan every point again on each layout pass.
    finishDataset(*dataset);

    int qtArgc = 1;
    char name[] = "outlierctl";
    char* qtArgv[] = { name, nullptr };
    QApplication app(qtArgc, qtArgv);
    ChartLook look;
    look.dark = args.has("--dark");
    look.time = args.has("--local-time") ? TimeDisplay::Local : TimeDisplay::Utc;
    // The same title line as the app's File > Export Chart: files, method, span, clock.
    ChartCaption caption;
    caption.files = dataset->files;
    caption.method = methodText(params);
    std::tie(caption.fromMs, caption.toMs) = datasetSpanMs(*dataset);
    caption.clock = look.time;
    look.caption = captionText(caption);
    look.bandText = caption.method;
    // The chart of the series laid out while detection still runs; its outliers, band and
    // incidents once it is done.
    ChartPicture picture(dataset, QSize(int(width), int(height)), look);
    evens.get();
    odds.get();
    // Made once and shared with the chart, never copied.
    auto detections = std::make_shared<std::vector<Detection>>();
    for (auto& d : detected) {
        if (!*d) {
            std::cerr << "outlierctl: " << d->error().toString() << "\n";
            return kExitBadInput;
        }
        detections->push_back(std::move(**d));
    }
    picture.setDetections(detections);
    const QString out = QString::fromStdString(*output);
    QString error;
    if (!picture.write(out, &error)) {
        // Written to a temporary file beside it and renamed: a file there before is left whole.
        std::cerr << "outlierctl: cannot write " << QFileInfo(out).absoluteFilePath().toStdString() << ": "
                  << error.toStdString() << " (nothing was changed there)\n";
        return kExitBadInput;
    }
    std::size_t outliers = 0;
    for (const auto& d : *detections)
        outliers += d.indices.size();
    std::cerr << "outlierctl: wrote " << QFileInfo(out).absoluteFilePath().toStdString() << " (" << width << "x"
              << height << ", " << dataset->series.size() << " series, " << outliers << " outliers by " << params.method
              << ")\n";
    return kExitOk;
}

} // namespace od::cli
