#pragma once
// What the streaming panes' tests share (stock, chat, upload, and the docks that hold them):
// in-process servers on 127.0.0.1, settings kept away from the user's, one channel provider,
// panes shown at a working size, and a two-series dataset to upload.

#include "chart/dataset.h"
#include "desktop/connection/channelprovider.h"

#include "rpc/server/server.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>

namespace pane_fixture {

constexpr int kCancelled = 1; // grpc::StatusCode::CANCELLED; the panes report plain codes

// stockTicks: GetStockPrice's messages per call (0 = endless), intervalMs apart. Null, with a
// warning, when the server does not start.
inline std::unique_ptr<od::rpc::Server> startServer(int stockTicks, int intervalMs)
{
    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.greeter.stockTicks = stockTicks;
    options.greeter.stockInterval = std::chrono::milliseconds(intervalMs);
    auto server = od::rpc::Server::start(options);
    if (!server) {
        qWarning("server did not start: %s", server.error().toString().c_str());
        return nullptr;
    }
    return std::move(*server);
}

inline QString endpointOf(const od::rpc::Server& server)
{
    return QStringLiteral("127.0.0.1:%1").arg(server.port());
}

// Two series of 5000 points a second apart: "steady" (every value present) and "gappy" (every
// tenth value missing).
inline DatasetPtr makeDataset()
{
    auto dataset = std::make_shared<Dataset>();
    od::Series plain;
    plain.name = "steady";
    od::Series gappy;
    gappy.name = "gappy";
    for (int i = 0; i < 5000; ++i) {
        plain.times.push_back(std::int64_t(i) * 1'000'000'000);
        plain.values.push_back(100.0 + std::sin(i * 0.01) * 10.0 + (i % 7) * 0.125);
        gappy.times.push_back(std::int64_t(i) * 1'000'000'000);
        gappy.values.push_back(i % 10 == 3 ? std::numeric_limits<double>::quiet_NaN() : 1e6 + i * 0.5);
    }
    dataset->series.push_back(std::move(plain));
    dataset->series.push_back(std::move(gappy));
    return dataset;
}

// Owned by a test class: settings in a directory of their own, and the channels its panes share.
class Panes
{
public:
    // From initTestCase(): never read or write the real user's settings.
    bool isolateSettings(const QString& applicationName)
    {
        if (!m_settingsDir.isValid())
            return false;
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(applicationName);
        return true;
    }

    ChannelProvider* channels() { return &m_channels; }

    // A pane calling endpoint, shown at a size where its controls are laid out.
    template <typename Pane> std::unique_ptr<Pane> make(const QString& endpoint)
    {
        auto pane = std::make_unique<Pane>(&m_channels, [endpoint] { return endpoint; });
        pane->resize(700, 520);
        pane->show();
        if (!QTest::qWaitForWindowExposed(pane.get()))
            qWarning("pane not exposed");
        return pane;
    }

private:
    QTemporaryDir m_settingsDir;
    ChannelProvider m_channels;
};

} // namespace pane_fixture
