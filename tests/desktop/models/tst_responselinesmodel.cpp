// ResponseLinesModel on its own: QAbstractItemModelTester watches it while responses and notes
// arrive, overflow the history (notes among the oldest go with them) and are cleared.

#include "desktop/panes/console/responselinesmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

std::vector<ResponseLinesModel::Line> responses(int from, int count)
{
    std::vector<ResponseLinesModel::Line> lines;
    for (int i = from; i < from + count; ++i)
        lines.push_back({ QStringLiteral("r%1").arg(i), false });
    return lines;
}

} // namespace

class TestResponseLinesModel : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheLastResponses_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("second");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("under the limit") << 2 << 1 << QStringList { "header", "r0", "r1", "r2" };
        QTest::addRow("at the limit") << 2 << 2 << QStringList { "header", "r0", "r1", "r2", "r3" };
        QTest::addRow("over: the header goes with the oldest") << 3 << 2 << QStringList { "r1", "r2", "r3", "r4" };
        QTest::addRow("one batch bigger than the limit") << 0 << 9 << QStringList { "r5", "r6", "r7", "r8" };
    }

    void keepsTheLastResponses()
    {
        QFETCH(int, first);
        QFETCH(int, second);
        QFETCH(QStringList, expected);
        ResponseLinesModel model(4);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({ { QStringLiteral("header"), true } });
        model.append(responses(0, first));
        model.append(responses(first, second));
        QCOMPARE(model.texts(), expected);
        QCOMPARE(model.rowCount(), expected.size());
        QVERIFY(model.responses() <= 4);
        QCOMPARE(model.index(0).data(ResponseLinesModel::NoteRole).toBool(), expected.first() == "header");
    }

    void notesAfterAFullHistoryStay()
    {
        ResponseLinesModel model(2);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(responses(0, 5));
        model.append({ { QStringLiteral("trailer x: 1"), true }, { QStringLiteral("status OK"), true } });
        QCOMPARE(model.texts(), (QStringList { "r3", "r4", "trailer x: 1", "status OK" }));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.responses(), std::size_t(0));
    }
};

QTEST_MAIN(TestResponseLinesModel)
#include "tst_responselinesmodel.moc"
