// The call console's text handling without a server: where a JSON request goes wrong (line and
// column), how protobuf's refusals are placed, the request template, and the outlierctl line
// "Copy as command" writes, quoted for a shell.

#include "rpc/console/call_command_line.h"
#include "rpc/console/json_codec.h"
#include "rpc/console/json_syntax.h"
#include "rpc/console/json_template.h"

#include "greeter/greeter.pb.h"
#include "pb/outliers.pb.h"

#include <QTest>

class TestConsoleJson : public QObject
{
    Q_OBJECT
private slots:
    void syntaxErrorsSayWhere_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("line"); // 0: no error
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("words");
        QTest::addRow("valid") << R"({"a": [1, 2.5e3, "x\n", true, null, {}]})" << 0 << 0 << "";
        QTest::addRow("bare word") << "{\n  \"name\": desk\n}" << 2 << 11 << "strings need double quotes";
        QTest::addRow("missing colon") << "{\"a\" 1}" << 1 << 6 << "expected ':'";
        QTest::addRow("trailing comma") << "{\"a\": 1,\n}" << 2 << 1 << "trailing comma";
        QTest::addRow("unclosed string") << "{\"a\": \"abc}" << 1 << 7 << "never closed";
        QTest::addRow("two values") << "{} {}" << 1 << 4 << "one message at a time";
        QTest::addRow("empty") << "  \n " << 2 << 2 << "empty input";
        QTest::addRow("leading zero") << "{\"a\": 01}" << 1 << 7 << "may not start with 0";
        QTest::addRow("line break in a string") << "{\"a\": \"x\ny\"}" << 1 << 9 << "control character";
    }

    void syntaxErrorsSayWhere()
    {
        QFETCH(QString, json);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, words);
        const auto error = od::rpc::checkJsonSyntax(json.toStdString());
        if (line == 0) {
            QVERIFY2(!error, error ? error->message.c_str() : "");
            return;
        }
        QVERIFY(error);
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
        QVERIFY2(QString::fromStdString(error->message).contains(words), error->message.c_str());
    }

    void protobufRefusalsArePlacedAtTheirField_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addRow("unknown field") << "{\n  \"user\": \"a\",\n  \"mesage\": \"b\"\n}" << 3 << 3;
        QTest::addRow("wrong type") << "{\"user\": 5}" << 1 << 2;
    }

    void protobufRefusalsArePlacedAtTheirField()
    {
        QFETCH(QString, json);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto bytes = od::rpc::jsonToBytes(greeter::ChatMessage::default_instance(), json.toStdString());
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().line, line);
        QCOMPARE(bytes.error().column, column);
        QVERIFY2(bytes.error().message.find("greeter.ChatMessage") != std::string::npos, bytes.error().message.c_str());
    }

    void roundTripAndDefaultsPrinted()
    {
        const auto& type = greeter::MetricSummary::default_instance();
        const auto bytes = od::rpc::jsonToBytes(type, R"({"count": 3, "average": 2.5})");
        QVERIFY(bytes);
        greeter::MetricSummary parsed;
        QVERIFY(parsed.ParseFromString(*bytes));
        QCOMPARE(parsed.count(), 3);
        const auto zeros = od::rpc::bytesToJson(type, std::string(), false);
        QVERIFY(zeros);
        QCOMPARE(QString::fromStdString(*zeros), QStringLiteral(R"({"count":0,"average":0})"));
        const auto garbage = od::rpc::bytesToJson(type, std::string("\xff\xff\xff", 3), false);
        QVERIFY(!garbage);
        QVERIFY(garbage.error().message.find("not a greeter.MetricSummary") != std::string::npos);
    }

    void templateHasEveryFieldNested()
    {
        const std::string text = od::rpc::jsonTemplate(pb::OutliersRequest::default_instance());
        for (const char* part :
            { "\"metrics\": [", "\"name\": \"\"", "\"value\": 0", "\"time\": \"1970-01-01T00:00:00Z\"" })
            QVERIFY2(text.find(part) != std::string::npos, text.c_str());
        QVERIFY(od::rpc::jsonToBytes(pb::OutliersRequest::default_instance(), text)); // it reads back
    }

    void commandLineIsQuotedForAShell()
    {
        od::rpc::CallCommand command;
        command.target = "127.0.0.1:50051";
        command.caFile = "/etc/my certs/ca.pem";
        command.metadata = { { "authorization", "Bearer x" } };
        command.deadlineMs = 1500;
        command.protoFiles = { "api/api.proto" };
        command.importPaths = { "protos" };
        command.method = "api.Api/sayHello";
        command.messages = { "{\n  \"name\": \"it's\"\n}", "{\"name\": \"b\"}" };
        QCOMPARE(QString::fromStdString(od::rpc::callCommandLine(command)),
            QStringLiteral("outlierctl call --remote 127.0.0.1:50051 --ca '/etc/my certs/ca.pem' --header "
                           "'authorization: Bearer x' --deadline-ms 1500 --proto api/api.proto -I protos "
                           "api.Api/sayHello -d '{\"name\": \"it'\\''s\"}\n{\"name\": \"b\"}'"));
        QCOMPARE(QString::fromStdString(od::rpc::shellQuote("")), QStringLiteral("''"));
    }
};

QTEST_MAIN(TestConsoleJson)
#include "tst_consolejson.moc"
