// A failed call's hint names the setting to change where the caller has it: outlierctl's flag
// on the command line, the app's field in the window; each kind of failure its own setting.
#include "rpc/console/call_failure.h"

#include <grpcpp/support/status.h>

#include <QtTest>

namespace {

// Every setting named by a marker, so a row can say which one its hint must name.
od::rpc::SettingNames markers()
{
    return { .plaintext = "<plaintext>",
        .tls = "<tls>",
        .ca = "<ca>",
        .serverName = "<server-name>",
        .clientCertificate = "<client-certificate>",
        .maxMessage = "<max-message>",
        .deadline = "<deadline>",
        .credentials = "<credentials>",
        .methods = "<methods>" };
}

} // namespace

class TestCallFailure : public QObject
{
    Q_OBJECT

private slots:
    void hintNamesTheSettingToChange_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("clientCertificate");
        QTest::addColumn<QStringList>("named"); // markers the hint must contain; no others
        QTest::addColumn<QString>("commandLine"); // the same hint in outlierctl's words

        const int unavailable = grpc::StatusCode::UNAVAILABLE;
        QTest::newRow("plaintext against TLS")
            << unavailable << "ssl_transport_security.cc: WRONG_VERSION_NUMBER" << true << false
            << QStringList { "<plaintext>" } << "connect without --tls/--ca";
        QTest::newRow("name not in the certificate")
            << unavailable << "Peer name localhost is not in peer certificate" << true << false
            << QStringList { "<server-name>" } << "give that name with --server-name";
        QTest::newRow("untrusted CA") << unavailable << "CERTIFICATE_VERIFY_FAILED" << true << false
                                      << QStringList { "<ca>" } << "give its CA with --ca FILE";
        QTest::newRow("client certificate wanted")
            << unavailable << "tlsv13 alert certificate required" << true << false
            << QStringList { "<client-certificate>" } << "give one with --cert FILE --key FILE";
        QTest::newRow("other handshake failure") << unavailable << "Handshake read failed" << true << true
                                                 << QStringList { "<ca>", "<server-name>", "<client-certificate>" }
                                                 << "check the CA (--ca FILE), the server name (--server-name)";
        QTest::newRow("TLS socket closed, no client certificate")
            << unavailable << "Socket closed" << true << false << QStringList { "<client-certificate>" }
            << "it may want a client certificate, give one with --cert FILE --key FILE";
        QTest::newRow("TLS socket closed with a client certificate")
            << unavailable << "Socket closed" << true << true << QStringList {} << "check its CA";
        QTest::newRow("plaintext socket closed") << unavailable << "Connection reset by peer" << false << false
                                                 << QStringList { "<tls>" } << "does it expect TLS? try --tls";
        QTest::newRow("nobody listening") << unavailable << "failed to connect to all addresses" << false << false
                                          << QStringList {} << "is the server running";
        QTest::newRow("unknown method") << int(grpc::StatusCode::UNIMPLEMENTED) << "" << false << false
                                        << QStringList { "<methods>" } << "with `outlierctl list`";
        QTest::newRow("answer too big") << int(grpc::StatusCode::RESOURCE_EXHAUSTED)
                                        << "Received message larger than max (70000 vs. 1024)" << false << false
                                        << QStringList { "<max-message>" } << "raise --max-message-mb";
        QTest::newRow("request too big") << int(grpc::StatusCode::RESOURCE_EXHAUSTED)
                                         << "Sent message larger than max (70000 vs. 1024)" << false << false
                                         << QStringList { "<max-message>" } << "raise --max-message-mb";
        QTest::newRow("server's limit") << int(grpc::StatusCode::RESOURCE_EXHAUSTED)
                                        << "grpc: received message larger than max" << false << false << QStringList {}
                                        << "raise the server's limit";
        QTest::newRow("deadline") << int(grpc::StatusCode::DEADLINE_EXCEEDED) << "Deadline Exceeded" << false << false
                                  << QStringList { "<deadline>" } << "raise the deadline (--deadline-ms)";
        QTest::newRow("credentials") << int(grpc::StatusCode::UNAUTHENTICATED) << "missing token" << false << false
                                     << QStringList { "<credentials>" } << "--token-file FILE";
    }

    void hintNamesTheSettingToChange()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(bool, tls);
        QFETCH(bool, clientCertificate);
        QFETCH(QStringList, named);
        QFETCH(QString, commandLine);
        const od::rpc::RpcStatus status { code, message.toStdString() };

        const auto marked
            = QString::fromStdString(od::rpc::describeFailure(status, { tls, clientCertificate, markers() }));
        QVERIFY2(marked.startsWith(QString::fromLatin1(od::rpc::statusCodeName(code))), qPrintable(marked));
        QVERIFY2(marked.contains(message), qPrintable(marked));
        const auto all = markers();
        for (const auto* setting : { &all.plaintext, &all.tls, &all.ca, &all.serverName, &all.clientCertificate,
                 &all.maxMessage, &all.deadline, &all.credentials, &all.methods }) {
            const auto marker = QString::fromStdString(*setting);
            QVERIFY2(marked.contains(marker) == named.contains(marker), qPrintable(marker + " in " + marked));
        }

        const auto words = QString::fromStdString(od::rpc::describeFailure(status, { tls, clientCertificate }));
        QVERIFY2(words.contains(commandLine), qPrintable(words));
    }
};

QTEST_GUILESS_MAIN(TestCallFailure)
#include "tst_callfailure.moc"
