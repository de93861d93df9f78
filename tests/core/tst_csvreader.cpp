// The CSV rules of CONTRACT.md section 3, on small texts and on the bundled and real files.

#include "core/csv/csv_reader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

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

    static std::string repeat(char c, std::size_t n) { return std::string(n, c); }

    // Everything a reader promises, compared field by field (NaN equal to NaN).
    static void compareData(const od::CsvData& a, const od::CsvData& b)
    {
        QCOMPARE(a.rows, b.rows);
        QCOMPARE(a.skipped, b.skipped);
        QCOMPARE(a.lines(), b.lines());
        QCOMPARE(a.blankLines, b.blankLines);
        QCOMPARE(a.continuationLines, b.continuationLines);
        QCOMPARE(a.firstSkipped.size(), b.firstSkipped.size());
        for (std::size_t i = 0; i < a.firstSkipped.size(); ++i)
            QCOMPARE(a.firstSkipped[i].toString(), b.firstSkipped[i].toString());
        QCOMPARE(a.series.size(), b.series.size());
        for (std::size_t k = 0; k < a.series.size(); ++k) {
            QCOMPARE(a.series[k].name, b.series[k].name);
            QCOMPARE(a.series[k].times, b.series[k].times);
            QCOMPARE(a.series[k].values.size(), b.series[k].values.size());
            for (std::size_t i = 0; i < a.series[k].values.size(); ++i) {
                const double x = a.series[k].values[i], y = b.series[k].values[i];
                QVERIFY2((std::isnan(x) && std::isnan(y)) || x == y, qPrintable(QString::number(i)));
            }
        }
    }

    static QString writeTemp(const QTemporaryDir& dir, const QString& name, const std::string& text)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || f.write(text.data(), static_cast<qint64>(text.size())) != qint64(text.size()))
            qFatal("cannot write %s", qPrintable(path));
        return path;
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
        // Lines of tabs and spaces are blank, not the line the delimiter is taken from.
        QTest::addRow("blank lines of tabs first") << "\t\n \t\r\ntime,a,b\n1590156798,1,2\n1590156799,3,4\n";
        QTest::addRow("blank lines of tabs, semicolons") << "\t\t\n\ntime;a;b\n1590156798;1;2\n1590156799;3;4\n";
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

    // A wide file's series hold one time column between them (core/shared_column.h), whichever
    // way the read went (one thread or two, rows straight into the series or through blocks);
    // a long-form file's series each have their own; and a change to one series' times is its
    // own.
    void wideSeriesShareOneTimeColumn()
    {
        std::string wide = "time,a,b,c\n";
        std::string longForm = "time,name,value\n";
        for (int i = 0; i < 20'000; ++i) {
            wide += std::to_string(1'700'000'000 + i) + "," + std::to_string(i) + ",2," + (i % 7 ? "3" : "x") + "\n";
            longForm += std::to_string(1'700'000'000 + i / 2) + (i % 2 ? ",a," : ",b,") + std::to_string(i) + "\n";
        }
        for (const std::size_t block : { std::size_t(64), std::size_t(4096), std::size_t(1) << 20 }) {
            for (const unsigned threads : { 1u, 2u }) {
                od::CsvOptions options;
                options.blockBytes = block;
                options.threads = threads;
                const QString where = QString("block %1, %2 threads").arg(block).arg(threads);
                auto w = od::parseCsv(wide, "w.csv", options);
                QVERIFY(w.ok());
                QCOMPARE(w->series.size(), 3u);
                for (const auto& s : w->series) {
                    QVERIFY2(s.times.sharesWith(w->series[0].times), qPrintable(where));
                    QCOMPARE(s.times.size(), s.values.size());
                }
                QCOMPARE(w->series[0].times.size(), std::size_t(20'000 - (20'000 + 6) / 7));
                QCOMPARE(w->series[2].times.back(), std::int64_t(1'700'019'998) * 1'000'000'000); // 19'999 has an x
                auto l = od::parseCsv(longForm, "l.csv", options);
                QVERIFY(l.ok());
                QCOMPARE(l->series.size(), 2u);
                QVERIFY2(!l->series[0].times.sharesWith(l->series[1].times), qPrintable(where));
                QCOMPARE(l->series[0].times.size(), 10'000u);
            }
        }
        auto w = od::parseCsv(wide, "w.csv", {});
        QVERIFY(w.ok());
        const std::vector<std::int64_t> before = w->series[1].times;
        w->series[0].times.push_back(before.back() + 1);
        w->series[2].times.erase(w->series[2].times.begin(), w->series[2].times.begin() + 1);
        QCOMPARE(w->series[1].times, before);
        QCOMPARE(w->series[0].times.size(), before.size() + 1);
        QCOMPARE(w->series[2].times[0], before[1]);
        QVERIFY(!w->series[0].times.sharesWith(w->series[1].times));
    }

    // Between two rows, which lines are blank and which are rows (csv_text.h, csv_splitter.h).
    void linesBetweenRowsAreBlankOrRows_data()
    {
        QTest::addColumn<QByteArray>("between");
        QTest::addColumn<int>("blankLines");
        QTest::addColumn<QList<int>>("skippedLines");
        // One rule for blank lines before and after the header: a line of carriage returns among
        // the blanks was a ragged row after the header, skipped, while the follower and the
        // lines before the header took it as blank.
        QTest::addRow("blanks may hold carriage returns") << QByteArray(" \r \r\n\t\r\n") << 2 << QList<int> {};
        // Quotes around nothing are text on the line: a row (here one field short, so skipped
        // and named), never a blank line that nothing reports.
        QTest::addRow("quotes around nothing are a row") << QByteArray("\"  \"\n\"\"\r\n") << 0 << QList<int> { 3, 4 };
    }

    void linesBetweenRowsAreBlankOrRows()
    {
        QFETCH(QByteArray, between);
        QFETCH(int, blankLines);
        QFETCH(QList<int>, skippedLines);
        const auto d = parseOk("time,a\n1590156798,1\n" + between.toStdString() + "1590156799,3\n");
        QCOMPARE(d.rows, 2u);
        QCOMPARE(d.blankLines, std::size_t(blankLines));
        QCOMPARE(d.skipped, std::size_t(skippedLines.size()));
        QCOMPARE(d.lines(), 5u);
        QCOMPARE(d.series[0].values, (std::vector<double> { 1, 3 }));
        QList<int> named;
        for (const auto& place : d.firstSkipped)
            named << place.line;
        QCOMPARE(named, skippedLines);
    }

    // In a tab-delimited file a line of tabs and spaces splits into empty fields; it is still a
    // blank line, as csv_text.h says and as the follower counts it (it was a row that could not
    // be read, skipped: a followed file then counted one skipped row fewer than a fresh read).
    void tabLinesAreBlankInATabFile()
    {
        const auto d = parseOk("time\ta\n1590156798\t1\n\t\n \t \n\t\t\r\n1590156799\t3\n");
        QCOMPARE(d.rows, 2u);
        QCOMPARE(d.blankLines, 3u);
        QCOMPARE(d.skipped, 0u);
        QCOMPARE(d.series[0].values, (std::vector<double> { 1, 3 }));
        // A line of empty fields between commas is a row (one that cannot be read), not blank.
        const auto c = od::parseCsv("time,a,b\n1590156798,1,2\n,,\n1590156799,3,4\n", "c.csv");
        QVERIFY(c);
        QCOMPARE(c->skipped, 1u);
        QCOMPARE(c->blankLines, 0u);
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

    // Each hostile file gives either data (with every unreadable row counted and placed) or an
    // Error with a place; never a crash, a hang or quadratic time. Texts are built here, not
    // committed. rows = -1: an Error is expected, at errorLine (0: anywhere, but a line).
    void survivesHostileInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<int>("errorLine");
        QTest::addColumn<int>("errorColumn");
        const auto bytes = [](const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); };

        std::mt19937 random(20240601);
        std::string garbage(64 * 1024, '\0');
        for (char& c : garbage)
            c = static_cast<char>(random() & 0xFF);
        QTest::addRow("binary garbage") << bytes(garbage) << -1 << 0 << 0 << 0;
        QTest::addRow("only a BOM") << bytes("\xEF\xBB\xBF") << -1 << 0 << 0 << 0;
        QTest::addRow("CR-only line ends") << bytes("timestamp,value\r1,1\r2,2\r") << -1 << 0 << 0 << 0;
        QTest::addRow("unterminated quote in data") << bytes("timestamp,value\n1,1\n2,\"3\n4,4\n") << 2 << 1 << 3 << 3;
        QTest::addRow("unterminated quote, the next row still read")
            << bytes("timestamp,name,value\n1," + repeat('"', 200'001) + ",1\n2,b,2\n") << 1 << 1 << 2 << 3;
        QTest::addRow("200,000 quote characters in a row")
            << bytes("timestamp,name,value\n1," + repeat('"', 200'000) + ",1\n2,b,2\n") << 2 << 0 << 0 << 0;
        QTest::addRow("10 MB unquoted field")
            << bytes("timestamp,value\n1,1\n2," + repeat('7', 10u << 20) + "x\n3,3\n") << 2 << 1 << 3 << 3;
        QTest::addRow("10 MB quoted name")
            << bytes("timestamp,name,value\n1,\"" + repeat('n', 10u << 20) + "\",5\n2,b,6\n") << 2 << 0 << 0 << 0;
        QTest::addRow("NUL bytes in a value")
            << bytes(std::string("timestamp,value\n1,1\n2,\0\0\n3,3\n", 28)) << 2 << 1 << 3 << 3;
        QTest::addRow("NUL bytes in the header")
            << bytes(std::string("time\0stamp,value\n1,1\n2,2\n", 24)) << 2 << 0 << 0 << 0;
        QTest::addRow("ragged: too few fields") << bytes("timestamp,value\n1,1\n2\n3,3\n") << 2 << 1 << 3 << 2;
        QTest::addRow("ragged: too many fields") << bytes("timestamp,value\n1,1\n2,2,2\n3,3\n") << 2 << 1 << 3 << 5;
        QTest::addRow("Feb 30") << bytes("timestamp,value\n2021-02-30T00:00:00Z,1\n2021-03-01T00:00:00Z,2\n") << 1 << 1
                                << 2 << 1;
        QTest::addRow("year 99999") << bytes("timestamp,value\n99999-01-01T00:00:00Z,1\n2021-03-01T00:00:00Z,2\n") << 1
                                    << 1 << 2 << 1;
        QTest::addRow("year 9999: past int64 nanoseconds")
            << bytes("timestamp,value\n9999-12-31 23:59:59,1\n2021-03-01T00:00:00Z,2\n") << 1 << 1 << 2 << 1;
        QTest::addRow("inf is unreadable") << bytes("ts,v\n1,1\n2,inf\n3,3\n") << 2 << 1 << 3 << 3;
        QTest::addRow("-inf is unreadable") << bytes("ts,v\n1,1\n2,-Infinity\n3,3\n") << 2 << 1 << 3 << 3;
        QTest::addRow("1e309 is unreadable") << bytes("ts,v\n1,1\n2,1e309\n3,3\n") << 2 << 1 << 3 << 3;
        QTest::addRow("nan and 1e-400 are read") << bytes("ts,v\n1,nan\n2,1e-400\n3,-NaN\n") << 3 << 0 << 0 << 0;
        QTest::addRow("every row unreadable") << bytes("ts,v\n1,x\n2,y\n") << -1 << 0 << 2 << 3;
        QTest::addRow("lone quote") << bytes("\"") << -1 << 0 << 1 << 1;
        QTest::addRow("delimiters only") << bytes(",,,\n,,,\n") << -1 << 0 << 0 << 0;
        QTest::addRow("truncated in the last field") << bytes("timestamp,value\n1,1\n2,") << 2 << 0 << 0 << 0;
        QTest::addRow("junk after a closing quote")
            << bytes("timestamp,value\n1,\"1\"2\n2,\"3\"\r\n") << 2 << 0 << 0 << 0;
        QTest::addRow("quoted field across lines, then a bad row")
            << bytes("timestamp,name,value\n1,\"a\nb\nc\",1\n2,x,oops\n") << 1 << 1 << 5 << 5;
    }

    void survivesHostileInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, rows);
        QFETCH(int, skipped);
        QFETCH(int, errorLine);
        QFETCH(int, errorColumn);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        od::CsvOptions small;
        small.blockBytes = 1u << 20; // 10 MB fields straddle ten blocks
        const auto r = od::parseCsv(view, "h.csv", small);
        if (rows < 0) {
            QVERIFY(!r.ok());
            QVERIFY(!r.error().message.empty());
            QCOMPARE(r.error().file, std::string("h.csv"));
            if (errorLine > 0) {
                QCOMPARE(r.error().line, errorLine);
                QCOMPARE(r.error().column, errorColumn);
            }
            return;
        }
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->rows, std::size_t(rows));
        QCOMPARE(r->skipped, std::size_t(skipped));
        if (skipped > 0) {
            QCOMPARE(r->firstSkipped[0].line, errorLine);
            QCOMPARE(r->firstSkipped[0].column, errorColumn);
            QVERIFY(r->firstSkipped[0].message.size() < 200); // a 10 MB field is not quoted whole
            for (char c : r->firstSkipped[0].message)
                QVERIFY(static_cast<unsigned char>(c) >= 0x20);
        }
        for (const auto& s : r->series) {
            QCOMPARE(s.times.size(), s.values.size());
            for (double v : s.values)
                QVERIFY(!std::isinf(v));
        }
        // Strict mode fails exactly where lenient mode skipped first.
        od::CsvOptions strict = small;
        strict.strict = true;
        const auto st = od::parseCsv(view, "h.csv", strict);
        QCOMPARE(st.ok(), skipped == 0);
        if (skipped > 0) {
            QCOMPARE(st.error().line, errorLine);
            QCOMPARE(st.error().column, errorColumn);
        }
    }

    void hostileValuesReadAsDocumented()
    {
        const auto d = parseOk("ts,v\n1,nan\n2,1e-400\n3,+5\n4, 6 \n5,N/A\n");
        const auto& v = d.series[0].values;
        QVERIFY(std::isnan(v[0]));
        QCOMPARE(v[1], 0.0);
        QCOMPARE(v[2], 5.0);
        QCOMPARE(v[3], 6.0);
        QVERIFY(std::isnan(v[4]));
        const auto huge = parseOk("timestamp,name,value\n1," + repeat('"', 200'000) + ",1\n");
        QCOMPARE(huge.series[0].name, repeat('"', 99'999));
        const auto wide = parseOk("ts,v\n1,1e309\n2,2\n");
        QVERIFY(wide.firstSkipped[0].message.find("infinite") != std::string::npos);
    }

    void readsAHundredThousandColumns()
    {
        std::string text = "time";
        for (int i = 0; i < 100'000; ++i)
            text += ",c" + std::to_string(i);
        text += "\n";
        for (int row = 0; row < 3; ++row) {
            text += std::to_string(1'600'000'000 + row);
            for (int i = 0; i < 100'000; ++i) {
                text += ','; // appended apart: GCC 12 -O3 misreads "," + std::string (-Wrestrict)
                text += std::to_string(i % 10);
            }
            text += "\n";
        }
        const auto d = parseOk(text);
        QCOMPARE(d.series.size(), 100'000u);
        QCOMPARE(d.series[99'999].name, std::string("c99999"));
        QCOMPARE(d.series[99'999].values, (std::vector<double> { 9, 9, 9 }));
        QCOMPARE(d.rows, 3u);
    }

    // Rows straddling block boundaries, quoted fields cut in half, and two threads parsing two
    // halves of a block must all give exactly what one pass over the whole text gives.
    void blocksAndThreadsChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("text");
        std::string longForm = "timestamp,name,value\r\n";
        std::string wide = "\xEF\xBB\xBFtime;a;b\n";
        std::string quoted = "timestamp,name,value\n";
        std::mt19937 random(7);
        for (int i = 0; i < 60'000; ++i) {
            const std::string t = "2024-01-0" + std::to_string(1 + i / 20'000) + "T0" + std::to_string(i % 10) + ":"
                + std::to_string(10 + i % 50) + ":" + std::to_string(10 + i % 49) + "." + std::to_string(i % 1000)
                + "Z";
            const std::string v = i % 997 == 0 ? "bad" : i % 331 == 0 ? "" : std::to_string(random() % 1000) + ".5";
            longForm += t + "," + "s" + std::to_string(random() % 23) + "," + v + "\r\n";
            wide += std::to_string(1'700'000'000 + i) + ";" + v + ";" + std::to_string(i) + (i % 1201 == 0 ? ";x" : "")
                + "\n";
            if (i % 2013 == 0)
                wide += "\n  \n";
            if (i < 5'000)
                quoted += t + ",\"q" + std::to_string(i % 5) + (i % 7 == 0 ? "\"\"\n\"" : "") + "\"," + v + "\n";
        }
        QTest::addRow("long form, CRLF") << QByteArray::fromStdString(longForm);
        QTest::addRow("wide, semicolons, BOM, ragged and blank rows") << QByteArray::fromStdString(wide);
        QTest::addRow("quoted names with escapes and line breaks") << QByteArray::fromStdString(quoted);
    }

    void blocksAndThreadsChangeNothing()
    {
        QFETCH(QByteArray, text);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        od::CsvOptions whole;
        whole.threads = 1;
        whole.blockBytes = 1u << 30;
        const auto reference = od::parseCsv(view, "b.csv", whole);
        QVERIFY(reference.ok());
        QVERIFY(reference->rows > 4'000);
        for (const std::size_t block : { std::size_t(1), std::size_t(7), std::size_t(4096), std::size_t(1) << 20 }) {
            for (const unsigned threads : { 1u, 2u }) {
                od::CsvOptions options;
                options.blockBytes = block;
                options.threads = threads;
                const auto r = od::parseCsv(view, "b.csv", options);
                QVERIFY(r.ok());
                compareData(*r, *reference);
            }
        }
        QTemporaryDir dir;
        od::CsvOptions fileOptions;
        fileOptions.blockBytes = 4099;
        const auto f = od::readCsvFile(writeTemp(dir, "b.csv", std::string(view)).toStdString(), fileOptions);
        QVERIFY(f.ok());
        QCOMPARE(f->rows, reference->rows);
        QCOMPARE(f->series.size(), reference->series.size());
    }

    // Rows without quotes take a quicker path (fields found 64 bytes at a time, plain numbers
    // and times read inline); any other row, and any row that does not read, is left to the
    // full splitter. Both must give the same answer, in lenient and strict mode alike, whole or
    // cut into blocks on two threads: texts mixing rows the quick path takes with each kind it
    // leaves.
    void quickRowsReadAsTheFullSplitter_data()
    {
        QTest::addColumn<QByteArray>("text");
        std::string wide = "time,a,b\n";
        std::string longForm = "timestamp;name;value\r\n";
        std::string tabs = "ts\tv\n";
        std::mt19937 random(18);
        const std::vector<std::string> values { "1.5", "-0", "459.854", "12345678", "1234.5678", "0.00000001",
            "123456789.25", "9007199254740993", "12345678901234567890", "", "NaN", " 7 ", "+3", ".5", "5.", "1e5",
            "inf", "1e309", "x", "1.2.3", "-", "\xb0" };
        const std::vector<std::string> times { "1704067200", "1704067200250", "17040672", "170406720", "-5",
            "1704067200.5", "2024-01-01T00:00:00Z", "2024-01-01T00:00:59z", "2024-01-01 00:00:60",
            "2024-01-01T00:00:61Z", "2024-01-01T00:01:00.125Z", "2024-01-01T00:01:00+01:00", "2024-02-30T00:00:00Z",
            "soon", "" };
        for (int i = 0; i < 6'000; ++i) {
            const std::string t = i % 7 ? times[i % 3] : times[random() % times.size()];
            const std::string a
                = i % 5 ? std::to_string(i) + "." + std::to_string(random() % 1000) : values[random() % values.size()];
            const std::string b = values[random() % values.size()];
            switch (random() % 40) {
            case 0:
                wide += "\n";
                break; // blank line
            case 1:
                wide += " \t\r\n";
                break; // blank but for spaces
            case 2:
                wide += t + "," + a + "\n";
                break; // a field short
            case 3:
                wide += t + "," + a + "," + b + ",extra\n";
                break;
            case 4:
                wide += t + ",\"" + a + "\"," + b + "\n";
                break; // quoted
            case 5:
                wide += t + "," + a + "\"q\"," + b + "\n";
                break; // a quote inside a field
            case 6:
                wide += t + ",\"" + a + "\n" + b + "\"," + b + "\n";
                break; // a quote across lines
            case 7:
                wide += t + "," + a + "," + b + "\r\r\n";
                break; // CR kept in the field
            case 8:
                wide += t + "," + a + "\r," + b + "\n";
                break; // CR inside a row
            case 9:
                wide += t + "," + std::string(70 + random() % 200, '1') + "," + b + "\n";
                break; // long cell
            default:
                wide += t + "," + a + "," + b + (random() % 3 ? "\n" : "\r\n");
                break;
            }
            const std::string name = random() % 50 ? "s" + std::to_string(random() % 3) : " s1 ";
            longForm += "2024-01-01T00:" + std::to_string(10 + i / 60 % 50) + ":" + std::to_string(10 + i % 50)
                + (i % 11 ? "Z" : ".5Z") + ";" + name + ";" + (i % 13 ? a : b) + (random() % 9 ? "\r\n" : "\n");
            tabs += t + "\t" + a + "\n";
        }
        QTest::addRow("wide, every kind of row") << QByteArray::fromStdString(wide);
        QTest::addRow("wide, no final line break") << QByteArray::fromStdString(wide + "1704067200,1,2");
        QTest::addRow("wide, final CR without LF") << QByteArray::fromStdString(wide + "1704067200,1,2\r");
        QTest::addRow("long form, semicolons, CRLF") << QByteArray::fromStdString(longForm);
        QTest::addRow("tabs") << QByteArray::fromStdString(tabs);
        QTest::addRow("runaway quote at the end")
            << QByteArray::fromStdString(wide + "1704067200,\"1,2\n1704067201,3,4\n");
    }

    void quickRowsReadAsTheFullSplitter()
    {
        QFETCH(QByteArray, text);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        for (const bool strict : { false, true }) {
            od::CsvOptions full;
            full.strict = strict;
            full.maxReportedSkips = 1'000;
            full.quickRows = false;
            full.threads = 1;
            full.blockBytes = 1u << 30;
            const auto reference = od::parseCsv(view, "q.csv", full);
            QVERIFY(strict || (reference.ok() && reference->rows > 1'000 && reference->skipped > 10));
            for (const std::size_t block :
                { std::size_t(1) << 30, std::size_t(1), std::size_t(63), std::size_t(4096) }) {
                for (const unsigned threads : { 1u, 2u }) {
                    od::CsvOptions quick = full;
                    quick.quickRows = true;
                    quick.blockBytes = block;
                    quick.threads = threads;
                    const auto r = od::parseCsv(view, "q.csv", quick);
                    QCOMPARE(r.ok(), reference.ok());
                    if (r.ok())
                        compareData(*r, *reference);
                    else
                        QCOMPARE(r.error().toString(), reference.error().toString());
                }
            }
        }
    }

    // A text read in blocks of every size from 1 byte to past its length, on one thread and two,
    // from memory and from a file: a block boundary falls at every byte, so inside a quoted
    // field (with an escaped quote and a line break), between the CR and LF of a line, inside a
    // line longer than the block, and before the last line, which has no line break.
    void everyBlockBoundaryReadsTheSame()
    {
        std::string text = "timestamp,name,value\r\n1704067200,a,1.5\r\n1704067201,\"b\",3\n";
        text += "1704067202,\"c\"\"\nd\",4\n"; // an escaped quote and a line break in a quoted name
        text += "1704067203,a," + std::string(150, '7') + ".25\r\n"; // longer than many blocks
        text += "1704067204,a,bad\n\n1704067205,b,8\r\n";
        text += "1704067206,\"a,10\n1704067207,b,12"; // a runaway quote; no final line break
        od::CsvOptions full;
        full.quickRows = false;
        full.threads = 1;
        full.blockBytes = 1u << 30;
        const auto reference = od::parseCsv(text, "e.csv", full);
        QVERIFY(reference.ok());
        QCOMPARE(reference->rows, 6u);
        QCOMPARE(reference->skipped, 2u); // "bad" and the runaway quote
        QCOMPARE(reference->continuationLines, 1u);
        QCOMPARE(reference->lines(), std::size_t(11));
        QCOMPARE(reference->series[2].name, std::string("c\"\nd"));
        QTemporaryDir dir;
        const std::string path = writeTemp(dir, "e.csv", text).toStdString();
        const auto fileReference = od::readCsvFile(path, full); // its reports name the path
        QVERIFY(fileReference.ok());
        for (std::size_t block = 1; block <= text.size() + 1; ++block) {
            for (const unsigned threads : { 1u, 2u }) {
                for (const bool quick : { false, true }) {
                    od::CsvOptions options;
                    options.blockBytes = block;
                    options.threads = threads;
                    options.quickRows = quick;
                    const auto r = od::parseCsv(text, "e.csv", options);
                    QVERIFY2(r.ok(), qPrintable(QString("block %1").arg(block)));
                    compareData(*r, *reference);
                    const auto f = od::readCsvFile(path, options);
                    QVERIFY2(f.ok(), qPrintable(QString("file, block %1").arg(block)));
                    compareData(*f, *fileReference);
                }
            }
        }
    }

    // A block is cut in two at a line break and the parts parsed on two threads, the second
    // while the block before is still being appended; where a quoted field runs across the cut,
    // the second part is dropped and read again. Texts with unreadable, ragged and blank rows in
    // both parts, CRLF line ends, strict mode's first bad row on either side of the cut, quoted
    // names with line breaks and runaway quotes. Block sizes over a whole row's length move the
    // cut and the block ends across every byte of a row; answers, reports and their places must
    // be those of one pass on one thread, from memory and from a file.
    void cutBlocksReadAsOnePass_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<std::size_t>("maxReportedSkips");
        std::string wide = "time,a,b,c\r\n";
        std::string longForm = "timestamp,name,value\n";
        std::mt19937 random(31);
        for (int i = 0; i < 400; ++i) {
            const std::string t = std::to_string(1'704'067'200 + i);
            const std::string a = std::to_string(random() % 100'000) + "." + std::to_string(random() % 1000);
            switch (random() % 23) {
            case 0:
                wide += t + ",oops," + a + ",1\r\n"; // unreadable
                break;
            case 1:
                wide += t + "," + a + "\r\n"; // a field short
                break;
            case 2:
                wide += "\r\n";
                break;
            default:
                wide += t + "," + a + "," + std::to_string(i) + ",-" + a + "\r\n";
            }
            longForm += "2024-01-01T00:" + std::to_string(10 + i / 60 % 50) + ":" + std::to_string(10 + i % 50) + "Z,s"
                + std::to_string(random() % 5) + "," + (i % 37 == 5 ? std::string("?") : a) + "\n";
        }
        std::string quoted = "timestamp,name,value\n";
        std::string runaway = "time,a,b\n";
        for (int i = 0; i < 300; ++i) {
            const std::string t = std::to_string(1'704'067'200 + i);
            // Every other name has a line break, so about a third of the line breaks are inside
            // quotes; now and then a value does not read.
            quoted += t + ",\"s" + std::to_string(i % 4) + (i % 2 ? "\nx" : "") + "\"," + (i % 41 == 7 ? "?" : "1.5")
                + "\n";
            runaway += t + (i % 23 == 4 ? ",\"1,2\n" : "," + std::to_string(i) + ".25,3\n");
        }
        const std::string tail = "1704067999,1,2,3"; // no final line break
        QTest::addRow("wide, CRLF, lenient") << QByteArray::fromStdString(wide + tail) << false << std::size_t(1000);
        QTest::addRow("wide, reports capped") << QByteArray::fromStdString(wide + tail) << false << std::size_t(3);
        QTest::addRow("wide, strict") << QByteArray::fromStdString(wide + tail) << true << std::size_t(10);
        QTest::addRow("long form, lenient") << QByteArray::fromStdString(longForm) << false << std::size_t(1000);
        QTest::addRow("long form, strict") << QByteArray::fromStdString(longForm) << true << std::size_t(10);
        QTest::addRow("quoted names across lines") << QByteArray::fromStdString(quoted) << false << std::size_t(1000);
        QTest::addRow("quoted names across lines, strict")
            << QByteArray::fromStdString(quoted) << true << std::size_t(10);
        QTest::addRow("runaway quotes") << QByteArray::fromStdString(runaway) << false << std::size_t(1000);
        // Strict mode's bad row late in the text: the cut falls before it and after it.
        QTest::addRow("strict, one bad row near the end") << QByteArray::fromStdString(std::string("time,v\n") + [] {
            std::string rows;
            for (int i = 0; i < 300; ++i)
                rows += std::to_string(1'704'067'200 + i) + (i == 280 ? ",bad\n" : ",1.25\n");
            return rows;
        }()) << true << std::size_t(10);
    }

    void cutBlocksReadAsOnePass()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, strict);
        QFETCH(std::size_t, maxReportedSkips);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        od::CsvOptions one;
        one.strict = strict;
        one.maxReportedSkips = maxReportedSkips;
        one.threads = 1;
        one.blockBytes = 1u << 30;
        const auto reference = od::parseCsv(view, "c.csv", one);
        QTemporaryDir dir;
        const std::string path = writeTemp(dir, "c.csv", std::string(view)).toStdString();
        const auto fileReference = od::readCsvFile(path, one);
        QCOMPARE(reference.ok(), !strict);
        QCOMPARE(fileReference.ok(), !strict);
        // From 2 KB (the least a block is cut at) over more than a row's length, and blocks of
        // a quarter and half the text.
        std::vector<std::size_t> blocks;
        for (std::size_t b = 2048; b < 2048 + 70; ++b)
            blocks.push_back(b);
        blocks.push_back(view.size() / 4);
        blocks.push_back(view.size() / 2);
        for (const std::size_t block : blocks) {
            od::CsvOptions two = one;
            two.threads = 2;
            two.blockBytes = block;
            const auto r = od::parseCsv(view, "c.csv", two);
            const auto f = od::readCsvFile(path, two);
            QCOMPARE(r.ok(), reference.ok());
            QCOMPARE(f.ok(), fileReference.ok());
            if (!reference.ok()) {
                QCOMPARE(r.error().toString(), reference.error().toString());
                QCOMPARE(f.error().toString(), fileReference.error().toString());
                continue;
            }
            QVERIFY(reference->skipped > 0 && reference->rows > 200);
            compareData(*r, *reference);
            compareData(*f, *fileReference);
        }
    }

    // Inputs the fuzzer (tests/fuzz) once found a fault with, kept as regular tests. Each is
    // read whole and in blocks of blockBytes on two threads; the answers must agree.
    void fuzzFindingsStayFixed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("blockBytes");
        // The delimiter was sniffed from a different line when blank lines filled the first block.
        QTest::addRow("blank quoted line before a tab header")
            << QByteArray("\"\"\n\t\t\t{\t\t\t\t,2\"\"\"\x95\x95\x85\xe3\x95\x95\xe3\x95\n\t\t\t{\t\t\t\t\t") << 4;
    }

    void fuzzFindingsStayFixed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, blockBytes);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        od::CsvOptions whole;
        whole.threads = 1;
        whole.blockBytes = 1u << 30;
        od::CsvOptions pieces;
        pieces.threads = 2;
        pieces.blockBytes = std::size_t(blockBytes);
        for (const bool strict : { false, true }) {
            whole.strict = pieces.strict = strict;
            const auto a = od::parseCsv(view, "f.csv", whole);
            const auto b = od::parseCsv(view, "f.csv", pieces);
            QCOMPARE(a.ok(), b.ok());
            if (a.ok())
                compareData(*a, *b);
            else
                QCOMPARE(a.error().toString(), b.error().toString());
        }
    }

    void streamsHugeFieldsFromFiles()
    {
        QTemporaryDir dir;
        od::CsvOptions options;
        options.blockBytes = 1u << 20;
        const auto name = repeat('n', 10u << 20);
        const auto path = writeTemp(dir, "f.csv", "timestamp,name,value\n1,\"" + name + "\",5\n2,b,6\n");
        const auto r = od::readCsvFile(path.toStdString(), options);
        QVERIFY(r.ok());
        QCOMPARE(r->series[0].name, name);
        QCOMPARE(r->rows, 2u);
        // A row no window may hold (an unterminated quote in a big file) is an Error with a place.
        const auto open = writeTemp(dir, "o.csv", "timestamp,value\n1,1\n2,\"" + repeat('x', 70u << 20));
        const auto o = od::readCsvFile(open.toStdString(), options);
        QVERIFY(!o.ok());
        QCOMPARE(o.error().line, 3);
        const auto missing = od::readCsvFile(dir.filePath("missing.csv").toStdString());
        QVERIFY(!missing.ok());
        QVERIFY(!od::readCsvFile(dir.path().toStdString()).ok());
    }

    void epochUnitCanBeForced()
    {
        od::CsvOptions ms;
        ms.timeUnit = od::TimeUnit::Milliseconds;
        auto r = od::parseCsv("ts,v\n1590156798250,1\n1000,2\n", "u.csv", ms);
        QVERIFY(r.ok());
        QCOMPARE(r->series[0].times, (std::vector<std::int64_t> { 1590156798250'000'000LL, 1'000'000'000LL }));
        od::CsvOptions s;
        s.timeUnit = od::TimeUnit::Seconds;
        // As seconds, 11 digits are past the year 2262: unreadable rather than misread.
        r = od::parseCsv("ts,v\n15901567982,1\n1000,2\n", "u.csv", s);
        QVERIFY(r.ok());
        QCOMPARE(r->skipped, 1u);
        QCOMPARE(r->series[0].times, (std::vector<std::int64_t> { 1000LL * 1'000'000'000 }));
        const auto automatic = parseOk("ts,v\n15901567982,1\n1000,2\n");
        QCOMPARE(automatic.series[0].times[0], 15901567982LL * 1'000'000);
        QCOMPARE(automatic.series[0].times[1], 1000LL * 1'000'000'000);
    }

    void readsSeveralFilesKeepingNamesApart()
    {
        QTemporaryDir dir;
        const auto a = writeTemp(dir, "east.csv", "timestamp,name,value\n1,cpu,1\n1,mem,2\n");
        const auto b = writeTemp(dir, "west.csv", "timestamp,cpu,disk\n1,3,4\n2,5,6\n");
        std::uint64_t last = 0, total = 0;
        od::ReadControl control;
        control.progress = [&](std::uint64_t done, std::uint64_t all) {
            QVERIFY(done >= last);
            last = done;
            total = all;
        };
        const auto r = od::readCsvFiles({ a.toStdString(), b.toStdString() }, {}, control);
        QVERIFY(r.ok());
        std::vector<std::string> names;
        for (const auto& s : r->series)
            names.push_back(s.name);
        QCOMPARE(names, (std::vector<std::string> { "east/cpu", "mem", "west/cpu", "disk" }));
        QCOMPARE(r->rows, 4u);
        QCOMPARE(total, std::uint64_t(QFileInfo(a).size() + QFileInfo(b).size()));
        QCOMPARE(last, total);
        const auto bad = od::readCsvFiles({ a.toStdString(), dir.filePath("none.csv").toStdString() });
        QVERIFY(!bad.ok());
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
