// The live prices pane under a flood: an in-process outlierd streams endless ticks as fast as it
// can (or at a set pace), the real StockPane shows them offscreen, and this program measures
// what a user would feel: how late a 10 ms GUI timer fires (a stall shows there), how many
// ticks arrived, how many frames were drawn, and the resident memory at the start, middle and
// end of the run (it should stay flat: every live line is a bounded buffer).
//
//   bench_stock_pane [--seconds N] [--symbols S] [--interval-ms MS]
//
// Defaults: 60 s, one symbol, interval 0 (the server sends the next tick as soon as the last
// one is written). With --symbols 10 --interval-ms 1 the server is paced at about 10 x 1000
// ticks/s. Talks to 127.0.0.1 only and stops by itself.

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/stock/stockpane.h"

#include "rpc/server/server.h"

#include "bench_figures.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char** argv)
{
    // Bounded whatever is asked: at most ten minutes, at most 50 streams.
    const int seconds = std::clamp(intArg(argc, argv, "--seconds", 60), 1, 600);
    const int symbols = std::clamp(intArg(argc, argv, "--symbols", 1), 1, 50);
    const int intervalMs = std::clamp(intArg(argc, argv, "--interval-ms", 0), 0, 1000);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_stock_pane"));

    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.greeter.stockTicks = 0;
    options.greeter.stockInterval = std::chrono::milliseconds(intervalMs);
    auto server = od::rpc::Server::start(options);
    if (!server) {
        std::fprintf(stderr, "bench_stock_pane: server: %s\n", server.error().toString().c_str());
        return 1;
    }
    const QString endpoint = QStringLiteral("127.0.0.1:%1").arg((*server)->port());

    ChannelProvider channels;
    StockPane pane(&channels, [endpoint] { return endpoint; });
    pane.resize(900, 600);
    pane.show();

    int frames = 0;
    QObject::connect(&pane, &StockPane::framePainted, [&frames] { ++frames; });

    // The probe: a 10 ms timer on the GUI thread. How late it fires is how long the GUI thread
    // was busy with something else (draining ticks, replacing series, painting).
    constexpr double kProbeMs = 10;
    std::vector<double> lateness;
    lateness.reserve(std::size_t(seconds) * 110);
    QElapsedTimer clock;
    double lastProbe = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(int(kProbeMs));
    // The first second holds the window's first layout and paint (fonts, the chart's scene),
    // which happen once whatever streams; it is reported apart from the steady state.
    constexpr double kWarmUpMs = 1000;
    double warmUpMax = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        const double late = std::max(0.0, now - lastProbe - kProbeMs);
        if (now < kWarmUpMs)
            warmUpMax = std::max(warmUpMax, late);
        else
            lateness.push_back(late);
        lastProbe = now;
    });

    // The same probe for 3 s with the pane idle, before any stream: how late a timer fires when
    // the app does nothing is the machine's own stalls (other processes, the hypervisor), to
    // read the figures under the flood against.
    double idleMax = 0;
    {
        QElapsedTimer idle;
        idle.start();
        double last = 0;
        QTimer idleProbe;
        idleProbe.setTimerType(Qt::PreciseTimer);
        idleProbe.setInterval(int(kProbeMs));
        QObject::connect(&idleProbe, &QTimer::timeout, [&] {
            const double now = double(idle.nsecsElapsed()) / 1e6;
            if (now > kWarmUpMs) // the first layout and paint happen here
                idleMax = std::max(idleMax, now - last - kProbeMs);
            last = now;
        });
        idleProbe.start();
        while (idle.elapsed() < 3000 + kWarmUpMs)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }

    double rssStart = 0, rssMiddle = 0, rssEnd = 0;
    qint64 ticksAtMiddle = 0;
    const double rssBefore = residentMegabytes();
    clock.start();
    probe.start();
    for (int s = 0; s < symbols; ++s)
        pane.start(QStringLiteral("S%1").arg(s));

    // Memory is read once the buffers had time to fill (the first 10,000 ticks of each line).
    QTimer::singleShot(std::min(5000, seconds * 1000 / 4), [&] { rssStart = residentMegabytes(); });
    QTimer::singleShot(seconds * 500, [&] {
        rssMiddle = residentMegabytes();
        ticksAtMiddle = pane.ticksReceived();
    });
    QTimer::singleShot(seconds * 1000, [&] {
        rssEnd = residentMegabytes();
        probe.stop();
        pane.stopAll();
        QTimer::singleShot(500, &app, &QCoreApplication::quit); // let the cancellations land
    });
    app.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    const qint64 ticks = pane.ticksReceived();

    qint64 kept = 0;
    for (const QString& name : pane.symbols())
        kept += pane.lineSeries(name) ? pane.lineSeries(name)->count() : 0;
    std::size_t over50 = 0;
    for (double l : lateness)
        over50 += l > 50;

    std::printf("bench_stock_pane: %d s, %d symbol(s), server interval %d ms, in-process outlierd on %s\n", seconds,
        symbols, intervalMs, qPrintable(endpoint));
    std::printf("ticks received       %lld (%.0f ticks/s over the run; %.0f/s in the second half)\n",
        static_cast<long long>(ticks), double(ticks) / seconds, double(ticks - ticksAtMiddle) / (seconds / 2.0));
    std::printf("frames drawn         %d (%.1f/s); points on the chart at the end: %lld\n", frames,
        frames / double(seconds), static_cast<long long>(kept));
    std::printf("GUI timer lateness   max %.1f ms, p99 %.1f ms, p50 %.2f ms over %zu probes after the first second; "
                "%zu over 50 ms\n",
        percentile(lateness, 1.0), percentile(lateness, 0.99), percentile(lateness, 0.5), lateness.size(), over50);
    std::printf("first second         max lateness %.1f ms (first layout and paint of the window)\n", warmUpMax);
    std::printf("idle, before streams max lateness %.1f ms over 3 s (the machine's own stalls)\n", idleMax);
    std::printf("resident memory      %.1f MB before, %.1f MB at start, %.1f MB middle, %.1f MB end\n", rssBefore,
        rssStart, rssMiddle, rssEnd);
    // Each line keeps its last 10,000 ticks: memory grows until the ring buffers are full
    // (22 symbols at 10,000 ticks/s take about 22 s), so the second half is the steady state.
    std::printf("goal                 no stall over 50 ms: %s; flat memory: second half %+.1f MB "
                "(end - start %+.1f MB, start read while the ring buffers still fill)\n",
        percentile(lateness, 1.0) <= 50 ? "met" : "NOT met", rssEnd - rssMiddle, rssEnd - rssStart);
    std::printf("wall time            %.1f s\n", elapsed);

    (*server)->shutdown(std::chrono::milliseconds(500));
    return 0;
}
