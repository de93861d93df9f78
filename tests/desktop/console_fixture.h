#pragma once
// What the call console's tests share: a real in-process outlierd on 127.0.0.1, the responses
// in view as JSON objects, the pane's buttons by name, and a discovery that must succeed.

#include "desktop/panes/console/consolepane.h"
#include "desktop/panes/console/responseview.h"

#include "rpc/server/server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace console_fixture {

// stockTicks: GetStockPrice's messages per call (0 = endless), intervalMs apart.
inline std::unique_ptr<od::rpc::Server> startServer(int stockTicks = 5, int intervalMs = 20)
{
    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.greeter.stockTicks = stockTicks;
    options.greeter.stockInterval = std::chrono::milliseconds(intervalMs);
    auto server = od::rpc::Server::start(options);
    if (!server)
        qFatal("server did not start: %s", server.error().toString().c_str());
    return std::move(*server);
}

inline QString endpointOf(const od::rpc::Server& server)
{
    return QStringLiteral("127.0.0.1:%1").arg(server.port());
}

// The responses in view, without the notes (headers, trailers, status), as JSON objects.
inline QList<QJsonObject> responses(const ConsolePane& pane)
{
    QList<QJsonObject> out;
    const QStringList lines = pane.responses()->lines();
    for (const QString& line : lines) {
        if (!line.startsWith(QLatin1Char('+')))
            continue;
        const QString json = line.section(QStringLiteral("  "), 1);
        out << QJsonDocument::fromJson(json.toUtf8()).object();
    }
    return out;
}

inline QPushButton* button(ConsolePane& pane, const char* name)
{
    return pane.findChild<QPushButton*>(QString::fromLatin1(name));
}

// Discovers and checks it worked; the caller checks QTest::currentTestFailed() if it goes on.
inline void discover(ConsolePane& pane)
{
    QSignalSpy discovered(&pane, &ConsolePane::discovered);
    pane.discover();
    QVERIFY(discovered.wait(15000));
    QVERIFY2(discovered.first().first().toBool(), qPrintable(pane.errorText()));
}

} // namespace console_fixture
