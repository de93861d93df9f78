// The call console under a flood: an in-process outlierd streams N stock ticks as fast as it
// can (greeter.Greeter/GetStockPrice, 100,000 by default) into the real ConsolePane, offscreen,
// and this program measures what a user would feel: how late a 10 ms GUI timer fires (a stall
// shows there), how long the stream took, and memory. The same stream read with no window
// (rpc::JsonCall, counting) gives the ratio of the pane's time to the bare call's.
//
//   bench_console_pane [--messages N] [--chart 1]
//
// --chart 1 also charts each price live (the pane's field chart, online detector included).
// Talks to 127.0.0.1 only and stops by itself (bounded to 1,000,000 messages and 5 minutes).

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/consolepane.h"
#include "desktop/panes/console/fieldchart.h"
#include "desktop/panes/console/responseview.h"

#include "rpc/client/channel.h"
#include "rpc/console/json_call.h"
#include "rpc/console/reflection.h"
#include "rpc/server/server.h"

#include "bench_figures.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace {

// The same stream with no window: seconds until it ended, and how many messages came.
double bareStreamSeconds(const std::string& target, long long& received)
{
    auto channel = od::rpc::makeChannel(target);
    auto schema = od::rpc::discoverByReflection(channel, {});
    if (!schema)
        return -1;
    auto shared = std::make_shared<const od::rpc::Schema>(std::move(*schema));
    const auto* method = *shared->findMethod("greeter.Greeter/GetStockPrice");
    std::atomic<long long> count { 0 };
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    od::rpc::JsonCall::Callbacks callbacks;
    callbacks.received = [&count](od::Result<std::string>&&) { ++count; };
    callbacks.finished = [&](const od::rpc::CallEnd&) {
        std::lock_guard lock(mutex);
        done = true;
        cv.notify_one();
    };
    QElapsedTimer clock;
    clock.start();
    auto call = od::rpc::JsonCall::start(channel, shared, *method, {}, std::move(callbacks));
    call->send(R"({"symbol": "BARE"})");
    call->halfClose();
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return done; });
    received = count.load();
    return double(clock.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    const int messages = std::clamp(intArg(argc, argv, "--messages", 100'000), 1, 1'000'000);
    const bool chart = intArg(argc, argv, "--chart", 0) != 0;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_console_pane"));

    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.greeter.stockTicks = messages;
    options.greeter.stockInterval = std::chrono::milliseconds(0);
    auto server = od::rpc::Server::start(options);
    if (!server) {
        std::fprintf(stderr, "bench_console_pane: server: %s\n", server.error().toString().c_str());
        return 1;
    }
    const QString endpoint = QStringLiteral("127.0.0.1:%1").arg((*server)->port());

    ChannelProvider channels;
    ConsolePane pane(&channels, [endpoint] { return endpoint; });
    pane.resize(1000, 700);
    pane.show();
    bool discovered = false;
    QObject::connect(&pane, &ConsolePane::discovered, [&](bool ok) {
        discovered = ok;
        app.quit();
    });
    pane.discover();
    QTimer::singleShot(15000, &app, &QCoreApplication::quit);
    app.exec();
    if (!discovered || !pane.selectMethod(QStringLiteral("greeter.Greeter/GetStockPrice"))) {
        std::fprintf(stderr, "bench_console_pane: no GetStockPrice through reflection\n");
        return 1;
    }

    // The probe: a 10 ms timer on the GUI thread; how late it fires is how long the GUI thread
    // was busy (picking up responses, appending text, painting).
    constexpr double kProbeMs = 10;
    std::vector<double> lateness;
    QElapsedTimer clock;
    double lastProbe = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(int(kProbeMs));
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        lateness.push_back(std::max(0.0, now - lastProbe - kProbeMs));
        lastProbe = now;
    });
    // The machine's own stalls, with the pane idle, to read the figures against.
    std::vector<double> idle;
    {
        QTimer idleProbe;
        idleProbe.setTimerType(Qt::PreciseTimer);
        idleProbe.setInterval(int(kProbeMs));
        QElapsedTimer idleClock;
        idleClock.start();
        double last = 0;
        QObject::connect(&idleProbe, &QTimer::timeout, [&] {
            const double now = double(idleClock.nsecsElapsed()) / 1e6;
            idle.push_back(std::max(0.0, now - last - kProbeMs));
            last = now;
        });
        idleProbe.start();
        while (idleClock.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }

    const double rssBefore = residentMegabytes();
    bool ok = false;
    QObject::connect(&pane, &ConsolePane::callFinished, [&](bool finishedOk) {
        ok = finishedOk;
        QTimer::singleShot(100, &app, &QCoreApplication::quit);
    });
    QTimer::singleShot(300'000, &app, [&] { pane.cancelCall(); });
    pane.editor()->setPlainText(QStringLiteral(R"({"symbol": "FLOOD"})"));
    pane.fieldChart()->setFieldPath(chart ? QStringLiteral("price") : QString());
    clock.start();
    probe.start();
    pane.startCall();
    app.exec();
    probe.stop();
    const double paneSeconds = double(clock.nsecsElapsed()) / 1e9 - 0.1;
    const double rssAfter = residentMegabytes();
    std::size_t over50 = 0;
    for (double l : lateness)
        over50 += l > 50;

    long long bareReceived = 0;
    const double bareSeconds = bareStreamSeconds(endpoint.toStdString(), bareReceived);

    const auto* view = pane.responses();
    std::printf("bench_console_pane: %d messages of greeter.Greeter/GetStockPrice from an in-process outlierd on %s\n",
        messages, qPrintable(endpoint));
    std::printf("console pane         %zu received (status %s) in %.2f s: %.0f messages/s; %zu kept in view, %zu "
                "dropped from view\n",
        view->received(), ok ? "OK" : "not OK", paneSeconds, double(view->received()) / paneSeconds,
        view->received() - view->dropped(), view->dropped());
    if (chart)
        std::printf("field chart          price: %lld values, %lld flagged, %zu incidents\n",
            static_cast<long long>(pane.fieldChart()->values()), static_cast<long long>(pane.fieldChart()->flagged()),
            pane.fieldChart()->incidents());
    std::printf("GUI timer lateness   max %.1f ms, p99 %.1f ms, p50 %.2f ms over %zu probes; %zu over 50 ms\n",
        percentile(lateness, 1.0), percentile(lateness, 0.99), percentile(lateness, 0.5), lateness.size(), over50);
    std::printf("idle, before         max lateness %.1f ms, p99 %.1f ms over 2 s (the machine's own stalls)\n",
        percentile(idle, 1.0), percentile(idle, 0.99));
    std::printf("no window            %lld received in %.2f s: %.0f messages/s (rpc::JsonCall, counting)\n",
        bareReceived, bareSeconds, double(bareReceived) / bareSeconds);
    std::printf("ratio                the pane takes %.2fx the bare call's time\n", paneSeconds / bareSeconds);
    std::printf("resident memory      %.1f MB before the stream, %.1f MB after\n", rssBefore, rssAfter);
    std::printf("goal                 no stall over 50 ms: %s\n", percentile(lateness, 1.0) <= 50 ? "met" : "NOT met");
    (*server)->shutdown(std::chrono::milliseconds(500));
    return 0;
}
