// Rows of a wide file that keep one shape are read by a template of where their separators lie,
// without a search for them. A row that fits the template only in part -- a quote, a separator
// inside a field, a moved or missing CR, a new minute, a sign -- must read exactly as the full
// splitter reads it: the same series bit for bit, the same skipped rows at the same places.

#include "core/csv/csv_reader.h"
#include "same_bits.h"

#include <QTest>

#include <string>

namespace {

using bitstest::sameBits;

od::Result<od::CsvData> read(const std::string& text, bool quick)
{
    od::CsvOptions options;
    options.quickRows = quick;
    options.threads = 1;
    return od::parseCsv(text, "fixed.csv", options);
}

// The text, then the same text with each of its rows repeated: a template is armed by two rows
// alike, so every row of the second is read right after rows of its own shape.
std::string withRepeats(const std::string& header, const std::string& rows)
{
    std::string out = header;
    std::size_t from = 0;
    while (from < rows.size()) {
        const std::size_t end = rows.find('\n', from);
        const std::string row = rows.substr(from, end - from + 1);
        out += row + row + row;
        from = end + 1;
    }
    return out;
}

} // namespace

class TestCsvFixedRows : public QObject
{
    Q_OBJECT

private slots:
    void sameAsTheFullSplitter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("skipped");
        const std::string epoch = "time,cpu,mem\n";
        const std::string fixed = "1704067200,123.456,7.500\n1704067201,124.456,7.600\n1704067202,125.456,7.700\n";
        // Three fixed rows to arm the template, then the rows under test.
        const auto afterFixed = [&](const char* name, const std::string& rows, int skipped) {
            QTest::addRow("%s", name) << QString::fromStdString(epoch + fixed + rows) << skipped;
        };
        afterFixed("fixed rows", "", 0);
        afterFixed("a quoted value of the same width", "1704067203,\"12.45\",7.800\n1704067204,126.456,7.900\n", 0);
        afterFixed("a separator inside a field", "1704067203,12,.456,7.800\n1704067204,126.456,7.900\n", 1);
        afterFixed(
            "a field one byte longer, the next shorter", "1704067203,1234.567,7.80\n1704067204,126.456,7.900\n", 0);
        afterFixed("a sign where a digit was", "1704067203,-23.456,7.800\n1704067204,126.456,7.900\n", 0);
        afterFixed("an empty value, the row as long", "1704067203,,1234567.800\n1704067204,126.456,7.900\n", 0);
        afterFixed("a letter in a value", "1704067203,12x.456,7.800\n1704067204,126.456,7.900\n", 1);
        afterFixed("a semicolon where a digit was", "1704067203,12;.456,7.800\n1704067204,126.456,7.900\n", 1);
        afterFixed("a line break inside the row", "1704067203,123.456\n7.800,1.0\n1704067204,126.456,7.900\n", 2);
        QTest::addRow("CR LF rows, one without its CR") << QString::fromStdString(
            "time,cpu,mem\r\n1704067200,123.456,7.500\r\n1704067201,124.456,7.600\r\n1704067202,125.456,7.700\r\n"
            "1704067203,126.456,7.8001\n1704067204,127.456,7.900\r\n1704067205,128.456,7.900\r\n")
                                                        << 0;
        afterFixed("a CR inside the last field", "1704067203,126.456,7.\r00\n1704067204,127.456,7.900\n", 1);
        QTest::addRow("ISO times crossing minutes")
            << QString::fromStdString("timestamp,a,b\n2024-01-01T00:00:58Z,1.5,2.5\n2024-01-01T00:00:59Z,1.5,2.5\n"
                                      "2024-01-01T00:01:00Z,1.5,2.5\n2024-01-01T00:01:01Z,1.5,2.5\n"
                                      "2024-01-01T00:01:0xZ,1.5,2.5\n2024-01-01T00:01:02Z,1.5,2.5\n")
            << 1;
        afterFixed("a time that is not one", "17040672x3,126.456,7.800\n1704067204,127.456,7.900\n", 1);
        QTest::addRow("tab-separated, a blank inside a value")
            << QString::fromStdString("time\tcpu\tmem\n1704067200\t123.456\t7.500\n1704067201\t124.456\t7.600\n"
                                      "1704067202\t125.456\t7.700\n1704067203\t12 .456\t7.800\n")
            << 1;
        QTest::addRow("every row repeated") << QString::fromStdString(withRepeats(epoch,
            "1704067200,123.456,7.500\n1704067201,-24.456,7.600\n1704067202,\"12.45\",7.700\n"
            "1704067203,12,.456,7.800\n1704067204,,1234567.800\n"))
                                            << 3;
    }

    void sameAsTheFullSplitter()
    {
        QFETCH(QString, text);
        QFETCH(int, skipped);
        const std::string csv = text.toStdString();
        const auto quick = read(csv, true);
        const auto full = read(csv, false);
        QVERIFY2(quick.ok() && full.ok(), quick.ok() ? "" : quick.error().toString().c_str());
        QCOMPARE(quick->rows, full->rows);
        QCOMPARE(quick->skipped, full->skipped);
        QCOMPARE(int(quick->skipped), skipped);
        QCOMPARE(quick->lines(), full->lines());
        QCOMPARE(quick->firstSkipped.size(), full->firstSkipped.size());
        for (std::size_t i = 0; i < quick->firstSkipped.size(); ++i) {
            QCOMPARE(quick->firstSkipped[i].toString(), full->firstSkipped[i].toString());
        }
        QCOMPARE(quick->series.size(), full->series.size());
        for (std::size_t k = 0; k < quick->series.size(); ++k) {
            const od::Series& a = quick->series[k];
            const od::Series& b = full->series[k];
            QCOMPARE(a.name, b.name);
            QVERIFY(a.times == b.times);
            QCOMPARE(a.values.size(), b.values.size());
            for (std::size_t i = 0; i < a.values.size(); ++i)
                QVERIFY2(sameBits(a.values[i], b.values[i]), qPrintable(QString("%1[%2]").arg(k).arg(i)));
        }
    }

    // Many fixed rows, as a large file has them, with rows of other shapes here and there: the
    // values are where they belong.
    void longRunsOfFixedRows()
    {
        std::string csv = "time,a,b,c\n";
        for (int i = 0; i < 20'000; ++i) {
            const int a = 100 + i % 900;
            csv += std::to_string(1704067200 + i) + "," + std::to_string(a) + ".25,"
                + (i % 997 == 0 ? std::string("") : "1.5") + ",-" + std::to_string(i % 10) + ".0\n";
        }
        const auto quick = read(csv, true);
        const auto full = read(csv, false);
        QVERIFY(quick.ok() && full.ok());
        QCOMPARE(quick->rows, std::size_t(20'000));
        QCOMPARE(quick->series.size(), std::size_t(3));
        for (std::size_t k = 0; k < 3; ++k) {
            QVERIFY(quick->series[k].times == full->series[k].times);
            for (std::size_t i = 0; i < 20'000; ++i)
                QVERIFY(sameBits(quick->series[k].values[i], full->series[k].values[i]));
        }
        QCOMPARE(quick->series[0].values[12'345], double(100 + 12'345 % 900) + 0.25);
        QCOMPARE(quick->series[2].values[19'999], -9.0);
    }
};

QTEST_APPLESS_MAIN(TestCsvFixedRows)
#include "tst_csvfixedrows.moc"
