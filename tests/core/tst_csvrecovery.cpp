// Nothing lost to a broken quote: the runaway-quote rule of csv_reader.h, and the promise that
// every input line is either read or reported, with the counts adding up to the file's lines.

#include "core/csv/csv_reader.h"
#include "tests/sanitized_build.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

// Lines as an editor counts them: line breaks, plus a last line without one.
std::size_t countLines(const std::string& text)
{
    std::size_t n = 0;
    for (char c : text)
        n += c == '\n';
    return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

std::string isoTime(int second)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "2020-01-01T%02d:%02d:%02dZ", second / 3600 % 24, second / 60 % 60, second % 60);
    return buf;
}

od::CsvData readLenient(
    const std::string& text, std::size_t blockBytes = 8u << 20, unsigned threads = 0, bool quickRows = true)
{
    od::CsvOptions options;
    options.blockBytes = blockBytes;
    options.threads = threads;
    options.quickRows = quickRows;
    auto r = od::parseCsv(text, "r.csv", options);
    if (!r)
        qFatal("unexpected error: %s", r.error().toString().c_str());
    return std::move(*r);
}

// A valid file of `rows` rows, one line each: wide (timestamp,value) or long
// (timestamp,name,value with two series). Every value is unique: value = row + 0.25.
std::string validFile(int rows, bool longForm)
{
    std::string text = longForm ? "timestamp,name,value\n" : "timestamp,value\n";
    for (int i = 0; i < rows; ++i) {
        text += isoTime(i) + ",";
        if (longForm)
            text += i % 2 ? "mem," : "cpu,";
        text += std::to_string(i) + ".25\n";
    }
    return text;
}

} // namespace

class TestCsvRecovery : public QObject
{
    Q_OBJECT

private slots:
    // The report that started this: a bad value on line 32 and a quote that never closes on
    // line 92 of a 121-line file. The 29 good rows after line 92 used to be lost unreported.
    void strayQuoteLosesOnlyItsOwnRow()
    {
        std::string text = "timestamp,value\n";
        for (int line = 2; line <= 121; ++line) {
            text += isoTime(line) + ",";
            text += line == 32 ? "oops" : line == 92 ? "\"12" : std::to_string(line);
            text += "\n";
        }
        const auto d = readLenient(text);
        QCOMPARE(d.rows, 118u);
        QCOMPARE(d.series[0].size(), 118u);
        QCOMPARE(d.skipped, 2u);
        QCOMPARE(d.firstSkipped.size(), 2u);
        QCOMPARE(d.firstSkipped[0].line, 32);
        QCOMPARE(d.firstSkipped[0].column, 22);
        QCOMPARE(d.firstSkipped[1].line, 92);
        QCOMPARE(d.firstSkipped[1].column, 22);
        QVERIFY(d.firstSkipped[1].message.find("unterminated quoted field") != std::string::npos);
        QCOMPARE(d.series[0].values.back(), 121.0);
        QCOMPARE(d.lines(), countLines(text));

        // Strict mode stops at the first of them, with its place.
        od::CsvOptions strict;
        strict.strict = true;
        const auto s = od::parseCsv(text, "r.csv", strict);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().line, 32);
    }

    void quotesAcrossLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<int>("firstSkippedLine");
        QTest::addColumn<int>("firstSkippedColumn");
        QTest::addColumn<QString>("firstName");

        QTest::addRow("a name with a line break is one row")
            << QByteArray("timestamp,name,value\n1,\"disk\n/dev/sda\",5\n2,cpu,6\n") << 2 << 0 << 0 << 0
            << "disk\n/dev/sda";
        QTest::addRow("a name over three lines, blank line inside")
            << QByteArray("timestamp,name,value\n1,\"a\n\nb\",5\n2,cpu,6\n") << 2 << 0 << 0 << 0 << "a\n\nb";
        QTest::addRow("CRLF inside and after a quoted name")
            << QByteArray("timestamp,name,value\r\n1,\"a\r\nb\",5\r\n2,cpu,6\r\n") << 2 << 0 << 0 << 0 << "a\r\nb";
        QTest::addRow("a stray quote does not swallow the rows after it")
            << QByteArray("timestamp,name,value\n1,\"cpu,5\n2,cpu,6\n3,cpu,7\n") << 2 << 1 << 2 << 3 << "cpu";
        QTest::addRow("two stray quotes do not pair up across good rows")
            << QByteArray("timestamp,name,value\n1,\"cpu,5\n2,cpu,6\n3,mem\",7\n4,cpu,8\n") << 3 << 1 << 2 << 3
            << "cpu";
        QTest::addRow("a quoted value over lines does not read: its line is skipped")
            << QByteArray("timestamp,value\n1,\"5\n6\"\n2,7\n") << 1 << 2 << 2 << 3 << "value";
        QTest::addRow("quote never closes, last line without a line break")
            << QByteArray("timestamp,value\n1,5\n2,\"6") << 1 << 1 << 3 << 3 << "value";
        QTest::addRow("quote opens in the first data row")
            << QByteArray("timestamp,value\n1,\"5\n2,6\n3,7\n") << 2 << 1 << 2 << 3 << "value";
        QTest::addRow("quote opens in the time column")
            << QByteArray("timestamp,value\n\"1,5\n2,6\n") << 1 << 1 << 2 << 1 << "value";
    }

    void quotesAcrossLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, rows);
        QFETCH(int, skipped);
        QFETCH(int, firstSkippedLine);
        QFETCH(int, firstSkippedColumn);
        QFETCH(QString, firstName);
        const std::string s = text.toStdString();
        // Whole, and cut into blocks of every small size on two threads: the same answer.
        for (std::size_t block : { std::size_t(8) << 20, std::size_t(1), std::size_t(3), std::size_t(7) }) {
            const auto d = readLenient(s, block, block > 8 ? 1 : 2);
            QCOMPARE(d.rows, std::size_t(rows));
            QCOMPARE(d.skipped, std::size_t(skipped));
            QCOMPARE(d.lines(), countLines(s));
            QCOMPARE(QString::fromStdString(d.series.at(0).name), firstName);
            if (skipped > 0) {
                QCOMPARE(d.firstSkipped.at(0).line, firstSkippedLine);
                QCOMPARE(d.firstSkipped.at(0).column, firstSkippedColumn);
            }
        }
    }

    // A quote followed by more than a megabyte of lines that read neither alone nor together:
    // the reader gives up on the quote at the bound instead of holding the rest of the file.
    void runawayQuoteIsBoundedInSize()
    {
        std::string text = "timestamp,value\n1,1\n2,\"2\n";
        const int junk = 300'000; // 4 bytes a line: 1.2 MB
        for (int i = 0; i < junk; ++i)
            text += "xyz\n";
        text += "3,3\n";
        for (std::size_t block : { std::size_t(8) << 20, std::size_t(64) << 10 }) {
            const auto d = readLenient(text, block);
            QCOMPARE(d.rows, 2u);
            QCOMPARE(d.skipped, std::size_t(junk) + 1);
            QCOMPARE(d.firstSkipped.at(0).line, 3);
            QCOMPARE(d.lines(), countLines(text));
        }
    }

    // Random damage to a valid 10,000-row file, many times: every row whose line the damage
    // did not touch is read with its time and value, and the counts add up to the lines.
    void damageLosesOnlyTheDamagedRows_data()
    {
        QTest::addColumn<bool>("longForm");
        QTest::addRow("wide") << false;
        QTest::addRow("long") << true;
    }

    void damageLosesOnlyTheDamagedRows()
    {
        QFETCH(bool, longForm);
        const int rows = 10'000;
        const std::string valid = validFile(rows, longForm);
        const std::size_t headerEnd = valid.find('\n') + 1;
        std::vector<std::size_t> rowStarts; // byte offset of each data row
        for (std::size_t at = headerEnd; at < valid.size(); at = valid.find('\n', at) + 1)
            rowStarts.push_back(at);
        // Damage favours the bytes that confuse a CSV reader.
        const std::string alphabet = "\"\"\"\",,\n\n;\t\r x9.-\xff";
        std::mt19937 random(longForm ? 7 : 11);
        // Under the sanitizers each round reads 10,000 rows twice at several times the cost: the
        // first 20 rounds (the same damage, same seeds) keep the run inside the test's timeout.
        const int rounds = odtest::kSanitizedBuild ? 20 : 80;
        for (int round = 0; round < rounds; ++round) {
            std::string text = valid;
            std::set<std::size_t> touchedLines; // 0-based data row indices
            const int hits = 1 + static_cast<int>(random() % 6);
            for (int h = 0; h < hits; ++h) {
                const std::size_t at = headerEnd + random() % (valid.size() - headerEnd);
                text[at] = alphabet[random() % alphabet.size()];
                // The row owning this byte; a damaged line break also touches the next row.
                const std::size_t row
                    = std::size_t(std::upper_bound(rowStarts.begin(), rowStarts.end(), at) - rowStarts.begin()) - 1;
                touchedLines.insert(row);
                if (valid[at] == '\n')
                    touchedLines.insert(row + 1);
            }
            const auto d = readLenient(text);
            QCOMPARE(d.lines(), countLines(text));

            std::multimap<double, std::int64_t> read; // value -> time
            for (const auto& s : d.series)
                for (std::size_t i = 0; i < s.size(); ++i)
                    read.emplace(s.values[i], s.times[i]);
            const std::int64_t start = std::int64_t(1'577'836'800) * 1'000'000'000; // 2020-01-01
            for (int r = 0; r < rows; ++r) {
                if (touchedLines.count(std::size_t(r)))
                    continue;
                // Damage can turn another row's value into this one ('8' to '9'): any match will do.
                const auto [from, to] = read.equal_range(r + 0.25);
                const std::int64_t t = start + std::int64_t(r) * 1'000'000'000;
                QVERIFY2(std::any_of(from, to, [&](const auto& p) { return p.second == t; }),
                    qPrintable(QString("round %1: untouched row %2 was not read").arg(round).arg(r)));
            }
            // The same text cut into small blocks on two threads reads the same.
            const auto pieces = readLenient(text, 97, 2);
            QCOMPARE(pieces.rows, d.rows);
            QCOMPARE(pieces.skipped, d.skipped);
            QCOMPARE(pieces.lines(), d.lines());
            // And every row through the full splitter alone: the same rows, reports and values.
            const auto full = readLenient(text, 8u << 20, 0, false);
            QCOMPARE(full.rows, d.rows);
            QCOMPARE(full.lines(), d.lines());
            QCOMPARE(full.firstSkipped.size(), d.firstSkipped.size());
            for (std::size_t i = 0; i < d.firstSkipped.size(); ++i)
                QCOMPARE(full.firstSkipped[i].toString(), d.firstSkipped[i].toString());
            QCOMPARE(full.series.size(), d.series.size());
            for (std::size_t k = 0; k < d.series.size(); ++k) {
                QCOMPARE(full.series[k].times, d.series[k].times);
                QCOMPARE(full.series[k].values.size(), d.series[k].values.size());
                for (std::size_t i = 0; i < d.series[k].values.size(); ++i) {
                    const double a = full.series[k].values[i], b = d.series[k].values[i];
                    QVERIFY((std::isnan(a) && std::isnan(b))
                        || std::memcmp(&a, &b, sizeof a) == 0); // an emptied cell is a gap
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCsvRecovery)
#include "tst_csvrecovery.moc"
