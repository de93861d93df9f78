// One look at a followed file (followStep), on a real file that is written, appended to and
// rewritten between looks: after each script the data is what opening the file now would show.
// The rows are what fuzz_follow found.

#include "desktop/data/followread.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// Changes the file in place (the same inode): 'A' appends the rest, 'W' cuts it to nothing and
// writes the rest; 'L' looks.
void change(const QString& path, const QByteArray& step)
{
    QFile f(path);
    const auto mode = step.startsWith('W') ? QIODevice::WriteOnly | QIODevice::Truncate : QIODevice::Append;
    QVERIFY2(f.open(mode), qPrintable(path));
    const QByteArray bytes = step.mid(1);
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestFollowRead : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void dataIsWhatAFreshReadShows_data()
    {
        QTest::addColumn<QByteArrayList>("script");
        QTest::addColumn<QStringList>("series");
        QTest::addColumn<QList<double>>("firstValues"); // the first series' values
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("skipped");

        QTest::addRow("a header, rows appended")
            << QByteArrayList { "Atimestamp,value\n1,1\n2,2\n", "L", "A3,3\n", "L" } << QStringList { "value" }
            << QList<double> { 1, 2, 3 } << 3 << 0;
        // The first row of a file without a header was read again with every appended part.
        QTest::addRow("no header: the first row is not added twice")
            << QByteArrayList { "A1700000000,1\n1700000001,2\n", "L", "A1700000002,3\n", "L", "A1700000003,4\n", "L" }
            << QStringList { "value" } << QList<double> { 1, 2, 3, 4 } << 4 << 0;
        QTest::addRow("no header, long form") << QByteArrayList { "A1,cpu,1\n1,mem,5\n", "L", "A2,cpu,2\n", "L" }
                                              << QStringList { "cpu", "mem" } << QList<double> { 1, 2 } << 3 << 0;
        // Blank lines before the header made the header empty, and appended rows their own header.
        QTest::addRow("blank lines before the header")
            << QByteArrayList { "A\n\ntimestamp,value\n1,1\n", "L", "A2,2\n", "L", "A3,3\n", "L" }
            << QStringList { "value" } << QList<double> { 1, 2, 3 } << 3 << 0;
        QTest::addRow("blank lines only, then a header and rows")
            << QByteArrayList { "A\n \n", "L", "Atimestamp,value\n1,1\n", "L", "A2,2\n", "L" }
            << QStringList { "value" } << QList<double> { 1, 2 } << 2 << 0;
        // Rows none of which could be read were not counted as skipped.
        QTest::addRow("unreadable rows, then a readable one")
            << QByteArrayList { "Atimestamp,value\nx,1\ny,2\n", "L", "A3,3\n", "L" } << QStringList { "value" }
            << QList<double> { 3 } << 1 << 2;
        QTest::addRow("no header, an unreadable first row") << QByteArrayList { "A1,x\n", "L", "A2,5\n", "L" }
                                                            << QStringList { "value" } << QList<double> { 5 } << 1 << 1;
        // The reader drops a byte order mark at the start of the file only: a first line of just
        // the mark is blank (it was taken for a header, and for an unreadable row), and a mark
        // further on is text (it was dropped when the line came in a part of its own).
        QTest::addRow("a byte order mark alone on the first line")
            << QByteArrayList { "A\xEF\xBB\xBF\ntimestamp,value\n1,1\n", "L", "A2,2\n", "L" } << QStringList { "value" }
            << QList<double> { 1, 2 } << 2 << 0;
        QTest::addRow("a byte order mark alone, then only a header")
            << QByteArrayList { "A\xEF\xBB\xBF\ntimestamp,value\n", "L", "Ax,1\n2,2\n", "L" } << QStringList { "value" }
            << QList<double> { 2 } << 1 << 1;
        QTest::addRow("a byte order mark after a blank line is text")
            << QByteArrayList { "A\n", "L", "A\xEF\xBB\xBFvalue,timestamp\n1,1\n", "L", "A2,2\n", "L" }
            << QStringList { QString::fromUtf8("\xEF\xBB\xBFvalue") } << QList<double> { 1, 2 } << 2 << 0;
        // A line of carriage returns is blank to the reader too (csv_text.h); it was a skipped row
        // to the reader after the header while the follower took it as blank.
        QTest::addRow("a line of carriage returns is blank")
            << QByteArrayList { "Atimestamp,value\n1,1\n", "L", "A \r \r\n2,2\n", "L", "A\r\r\n", "L" }
            << QStringList { "value" } << QList<double> { 1, 2 } << 2 << 0;
        // Quotes around nothing are a row (csv_splitter.h): the reader took such a line as blank
        // while the follower, with no readable row yet, counted it as an unreadable one.
        QTest::addRow("quotes around nothing are an unreadable row")
            << QByteArrayList { "Atimestamp,value\n\"  \"\nx,1\n", "L", "A3,3\n\"\"\n", "L" } << QStringList { "value" }
            << QList<double> { 3 } << 1 << 3;
        // Cut and grown past the last look's end between two looks: by size, only an append.
        QTest::addRow("cut and grown again between looks")
            << QByteArrayList { "Atimestamp,value\n1,1\n2,2\n", "L", "Wtimestamp,value\n7,7\n8,8\n9,9\n", "L" }
            << QStringList { "value" } << QList<double> { 7, 8, 9 } << 3 << 0;
        QTest::addRow("rewritten with the same length")
            << QByteArrayList { "Atimestamp,value\n1,1\n2,2\n", "L", "Wtimestamp,value\n1,1\n2,3\n", "L" }
            << QStringList { "value" } << QList<double> { 1, 3 } << 2 << 0;
    }

    void dataIsWhatAFreshReadShows()
    {
        QFETCH(QByteArrayList, script);
        QFETCH(QStringList, series);
        QFETCH(QList<double>, firstValues);
        QFETCH(int, rows);
        QFETCH(int, skipped);
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + ".csv");
        FollowState state;
        state.path = path.toStdString();
        DatasetPtr current;
        for (const QByteArray& step : script) {
            if (step != "L") {
                change(path, step);
                continue;
            }
            const FollowOutcome out = followStep(state, current);
            QVERIFY2(out.kind != FollowOutcome::Kind::Failed, out.error.toString().c_str());
            if (out.dataset)
                current = out.dataset;
            state = out.state;
        }
        QVERIFY(current);
        QStringList names;
        for (const auto& s : current->series)
            names << QString::fromStdString(s.name);
        QCOMPARE(names, series);
        const auto& values = current->series.front().values;
        QCOMPARE(QList<double>(values.begin(), values.end()), firstValues);
        QCOMPARE(current->rows, std::size_t(rows));
        QCOMPARE(current->skipped, std::size_t(skipped));
    }

    // A wide file's series share one time column (core/shared_column.h), and still do after rows
    // are appended, with a header or without (where the first row is read again and taken out);
    // the dataset of the look before keeps its own times.
    void wideSeriesKeepSharingTheirTimes_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("more");
        QTest::addColumn<int>("headerless");
        QTest::addRow("with a header") << QByteArray("time,a,b,c\n1700000000,1,2,3\n1700000001,4,5,6\n")
                                       << QByteArray("1700000002,7,8,9\n1700000003,1,1,1\n") << 0;
        QTest::addRow("without a header") << QByteArray("1700000000,1,2,3\n1700000001,4,5,6\n")
                                          << QByteArray("1700000002,7,8,9\n1700000003,1,1,1\n") << 1;
    }

    void wideSeriesKeepSharingTheirTimes()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, more);
        const QString path = m_dir.filePath(QString("wide-%1.csv").arg(QTest::currentDataTag()));
        change(path, "W" + first);
        FollowState state;
        state.path = path.toStdString();
        const FollowOutcome opened = followStep(state, nullptr);
        QVERIFY2(opened.dataset, opened.error.toString().c_str());
        change(path, "A" + more);
        const FollowOutcome grown = followStep(opened.state, opened.dataset);
        QCOMPARE(grown.kind, FollowOutcome::Kind::Appended);
        QVERIFY2(grown.dataset, grown.error.toString().c_str());
        const auto& series = grown.dataset->series;
        QCOMPARE(series.size(), 3u);
        const std::vector<std::int64_t> expected { 1'700'000'000'000'000'000, 1'700'000'001'000'000'000,
            1'700'000'002'000'000'000, 1'700'000'003'000'000'000 };
        for (const auto& s : series) {
            QVERIFY2(s.times.sharesWith(series[0].times), s.name.c_str());
            QCOMPARE(s.times, expected);
            QCOMPARE(s.values.size(), 4u);
        }
        QCOMPARE(series[2].values[2], 9.0);
        for (const auto& s : opened.dataset->series) {
            QCOMPARE(s.times.size(), 2u);
            QVERIFY(s.times.sharesWith(opened.dataset->series[0].times));
        }
    }
};

QTEST_APPLESS_MAIN(TestFollowRead)
#include "tst_followread.moc"
