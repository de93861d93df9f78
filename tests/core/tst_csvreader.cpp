// The CSV rules of CONTRACT.md section 3, on small texts and on the bundled and real files.

#include "core/csv_reader.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

class TestCsvReader : public QObject
{
    Q_OBJECT

    static od::CsvData parseOk(const std::string& text, bool strict = false)
    {
        od::CsvOptions options;
        options.strict = strict;
        auto r = od::parseCsv(text, "t.csv", options);
        if (!r)
            qFatal("unexpected error: %s", r.error().toString().c_str());
        return std::move(*r);
    }

private slots:
    void readsLongForm()
    {
        const auto d = parseOk("timestamp,name,value\n"
                               "2020-01-01T00:00:00Z,cpu,1.5\n"
                               "2020-01-01T00:00:00Z,mem,10\n"
                               "2020-01-01T00:01:00Z,cpu,2.5\n");
        QCOMPARE(d.series.size(), 2u);
        QCOMPARE(d.series[0].name, std::string("cpu"));
        QCOMPARE(d.series[0].values, (std::vector<double> { 1.5, 2.5 }));
        QCOMPARE(d.series[0].times[1] - d.series[0].times[0], 60'000'000'000LL);
        QCOMPARE(d.series[1].name, std::string("mem"));
        QCOMPARE(d.rows, 3u);
    }

    void readsWideFormWithSniffedDelimiters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("comma") << "time,a,b\n1590156798,1,2\n1590156799,3,4\n";
        QTest::addRow("semicolon") << "time;a;b\n1590156798;1;2\n1590156799;3;4\n";
        QTest::addRow("tab") << "time\ta\tb\n1590156798\t1\t2\n1590156799\t3\t4\n";
        QTest::addRow("CRLF and BOM") << "\xEF\xBB\xBFtime,a,b\r\n1590156798,1,2\r\n1590156799,3,4\r\n";
        QTest::addRow("quoted headers, blank lines") << "\"time\",\"a\",\"b\"\n\n1590156798,1,2\n\n1590156799,3,4";
        QTest::addRow("upper-case header") << "TIMESTAMP,a,b\n1590156798,1,2\n1590156799,3,4\n";
    }

    void readsWideFormWithSniffedDelimiters()
    {
        QFETCH(QString, text);
        const auto d = parseOk(text.toStdString());
        QCOMPARE(d.series.size(), 2u);
        QCOMPARE(d.series[0].name, std::string("a"));
        QCOMPARE(d.series[1].name, std::string("b"));
        QCOMPARE(d.series[0].values, (std::vector<double> { 1, 3 }));
        QCOMPARE(d.series[1].values, (std::vector<double> { 2, 4 }));
        QCOMPARE(d.series[1].times[0], 1590156798LL * 1'000'000'000);
    }

    void readsFileWithoutHeader()
    {
        const auto d = parseOk("2020-01-01 00:00:00,5\n2020-01-01 00:01:00,6\n");
        QCOMPARE(d.series.size(), 1u);
        QCOMPARE(d.series[0].values, (std::vector<double> { 5, 6 }));
        const auto l = parseOk("2020-01-01 00:00:00,cpu,5\n2020-01-01 00:01:00,mem,6\n");
        QCOMPARE(l.series.size(), 2u);
        QCOMPARE(l.series[1].name, std::string("mem"));
    }

    void keepsMissingValuesAsGaps()
    {
        const auto d = parseOk("ts,v\n1,1\n2,\n3,NaN\n4,null\n5,NA\n6,2\n");
        const auto& v = d.series[0].values;
        QCOMPARE(v.size(), 6u);
        QCOMPARE(v[0], 1.0);
        for (int i = 1; i <= 4; ++i)
            QVERIFY2(std::isnan(v[i]), qPrintable(QString::number(i)));
        QCOMPARE(v[5], 2.0);
    }

    void quotedFieldsFollowRfc4180()
    {
        const auto d = parseOk("timestamp,name,value\n"
                               "1,\"disk \"\"sda\"\", read\",1\n"
                               "2,\"two\nlines\",2\n"
                               "3,plain,3\n");
        QCOMPARE(d.series.size(), 3u);
        QCOMPARE(d.series[0].name, std::string("disk \"sda\", read"));
        QCOMPARE(d.series[1].name, std::string("two\nlines"));
    }

    void lenientSkipsAndSaysWhere()
    {
        const auto d = parseOk("timestamp,value\n"
                               "2020-01-01T00:00:00Z,1\n"
                               "2020-01-01T00:01:00Z,abc\n"
                               "not a time,3\n"
                               "2020-01-01T00:03:00Z,4,extra\n"
                               "2020-01-01T00:04:00Z,5\n");
        QCOMPARE(d.series[0].values, (std::vector<double> { 1, 5 }));
        QCOMPARE(d.skipped, 3u);
        QCOMPARE(d.firstSkipped.size(), 3u);
        QCOMPARE(d.firstSkipped[0].line, 3);
        QCOMPARE(d.firstSkipped[0].column, 22);
        QCOMPARE(d.firstSkipped[1].line, 4);
        QCOMPARE(d.firstSkipped[1].column, 1);
        QCOMPARE(d.firstSkipped[2].line, 5);
        QCOMPARE(QString::fromStdString(d.firstSkipped[0].toString()).left(10), QString("t.csv:3:22"));
    }

    void strictFailsOnFirstBadRow()
    {
        od::CsvOptions strict;
        strict.strict = true;
        const auto r = od::parseCsv("timestamp,value\n1,1\n2,2\n3,x\n4,y\n", "m.csv", strict);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().line, 4);
        QCOMPARE(r.error().column, 3);
        QCOMPARE(r.error().file, std::string("m.csv"));
    }

    void rejectsHopelessInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addRow("empty") << "" << 0;
        QTest::addRow("only blank lines") << "\n\n\r\n" << 0;
        QTest::addRow("header only") << "timestamp,value\n" << 2;
        QTest::addRow("unterminated quote in header") << "\"timestamp,value\n1,2\n" << 1;
        QTest::addRow("time column only") << "timestamp\n1\n" << 1;
    }

    void rejectsHopelessInput()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        const auto r = od::parseCsv(text.toStdString(), "bad.csv");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().line, line);
        QVERIFY(!r.error().message.empty());
    }

    void reportsProgressAndHonoursCancel()
    {
        std::string text = "timestamp,value\n";
        for (int i = 0; i < 400'000; ++i)
            text += std::to_string(1'600'000'000 + i) + "," + std::to_string(i % 97) + "\n";
        std::uint64_t last = 0, total = 0;
        od::ReadControl control;
        control.progress = [&](std::uint64_t done, std::uint64_t all) {
            QVERIFY(done >= last);
            last = done;
            total = all;
        };
        auto r = od::parseCsv(text, "big.csv", {}, control);
        QVERIFY(r.ok());
        QCOMPARE(r->series[0].size(), 400'000u);
        QCOMPARE(last, static_cast<std::uint64_t>(text.size()));
        QCOMPARE(total, static_cast<std::uint64_t>(text.size()));

        std::atomic<bool> cancel { true };
        od::ReadControl cancelled;
        cancelled.cancel = &cancel;
        auto c = od::parseCsv(text, "big.csv", {}, cancelled);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().message, std::string("cancelled"));
    }

    void readsTheBundledSample()
    {
        auto r = od::readCsvFile(OD_SAMPLE);
        QVERIFY(r.ok());
        QCOMPARE(r->series.size(), 3u);
        for (const auto& s : r->series)
            QCOMPARE(s.size(), 4320u); // three days a minute apart
        QCOMPARE(r->skipped, 0u);
    }

    void readsEveryNabFileCompletely()
    {
        const QDir root(OD_NAB_DIR);
        if (!root.exists())
            QSKIP("../shared/data/nab is not beside this checkout; the NAB files cannot be read");
        int files = 0;
        for (const QString& category : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(category));
            for (const QString& name : dir.entryList({ "*.csv" })) {
                const QString path = dir.filePath(name);
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                // Every non-blank line after the header is one point: count them independently.
                qsizetype expected = 0;
                const QList<QByteArray> lines = f.readAll().split('\n');
                for (qsizetype i = 1; i < lines.size(); ++i)
                    expected += lines[i].trimmed().isEmpty() ? 0 : 1;
                auto r = od::readCsvFile(path.toStdString());
                QVERIFY2(r.ok(), qPrintable(path));
                QCOMPARE(r->series.size(), 1u);
                QCOMPARE(static_cast<qsizetype>(r->series[0].size()), expected);
                QCOMPARE(r->skipped, 0u);
                ++files;
            }
        }
        QCOMPARE(files, 35);
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
