// The Upload pane (UploadPane) on real widgets against a real server on loopback: the server's
// figures checked against local ones, another file dropping the result, and Cancel.

#include "pane_fixture.h"

#include "desktop/panes/upload/uploadpane.h"

#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace pane_fixture;

class TestUploadPane : public QObject
{
    Q_OBJECT

    pane_fixture::Panes m_panes;
    std::unique_ptr<od::rpc::Server> m_server; // the reference behaviour: count and mean

private slots:
    void initTestCase()
    {
        QVERIFY(m_panes.isolateSettings(QStringLiteral("OutlierDeskUploadPaneTest")));
        m_server = startServer(5, 20);
        QVERIFY(m_server);
    }

    void init() { QSettings().clear(); }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->shutdown(std::chrono::milliseconds(500));
    }

    void uploadFiguresMatch_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<qint64>("sent");
        QTest::addRow("steady") << 0 << qint64(5000);
        QTest::addRow("gappy: the gaps are not sent") << 1 << qint64(4500);
    }

    void uploadFiguresMatch()
    {
        QFETCH(int, index);
        QFETCH(qint64, sent);
        auto pane = m_panes.make<UploadPane>(endpointOf(*m_server));
        const DatasetPtr dataset = makeDataset();
        pane->setDataset(dataset);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(index);
        QVERIFY(pane->isBusy());
        QVERIFY(finished.wait(30'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(pane->verdictText()));
        const auto local = UploadPane::localFiguresOf(dataset->series[std::size_t(index)]);
        QCOMPARE(pane->localFigures()->count, local.count);
        QCOMPARE(pane->serverFigures()->count, local.count);
        QVERIFY(std::abs(pane->serverFigures()->average - local.average) <= 1e-9 * std::abs(local.average));
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));
        QCOMPARE(pane->localFigures()->count, sent);
        QVERIFY(!pane->isBusy());
    }

    void anotherFileDropsTheUploadResult()
    {
        auto pane = m_panes.make<UploadPane>(endpointOf(*m_server));
        auto first = std::make_shared<Dataset>(*makeDataset());
        first->lineage = 7001;
        pane->setDataset(first);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(0);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));

        // The same file grown (as Follow Changes makes it): its result stays.
        auto grown = std::make_shared<Dataset>(*first);
        grown->series[0].values.push_back(1.0);
        grown->series[0].times.push_back(grown->series[0].times.back() + 1'000'000'000);
        pane->setDataset(grown);
        QVERIFY(pane->serverFigures());
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));

        // Another file: nothing of the one before is left on show.
        pane->setDataset(makeDataset());
        QVERIFY(!pane->serverFigures());
        QVERIFY(!pane->localFigures());
        QVERIFY2(!pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));
        const auto* serverCount = pane->findChild<QLabel*>(QStringLiteral("uploadServerCount"));
        QCOMPARE(serverCount->text(), QStringLiteral("–"));

        // An upload in flight when another file comes is dropped, and reports nothing later.
        auto big = std::make_shared<Dataset>();
        od::Series values;
        values.name = "big";
        values.values.assign(2'000'000, 1.5);
        values.times.assign(values.values.size(), 0);
        big->series.push_back(std::move(values));
        pane->setDataset(big);
        finished.clear();
        pane->upload(0);
        QVERIFY(pane->isBusy());
        pane->setDataset(makeDataset());
        QVERIFY(!pane->isBusy());
        QVERIFY(!finished.wait(1'000));
        QVERIFY(!pane->serverFigures() && !pane->localFigures());
        QVERIFY2(!pane->verdictText().contains(QStringLiteral("big")), qPrintable(pane->verdictText()));
    }

    void uploadCancelSaysSo()
    {
        auto pane = m_panes.make<UploadPane>(endpointOf(*m_server));
        auto dataset = std::make_shared<Dataset>();
        od::Series big;
        big.name = "big";
        big.values.assign(2'000'000, 1.5);
        big.times.assign(big.values.size(), 0);
        dataset->series.push_back(std::move(big));
        pane->setDataset(dataset);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(0);
        pane->cancel();
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!pane->serverFigures());
        QVERIFY2(pane->verdictText().contains(QStringLiteral("CANCELLED")), qPrintable(pane->verdictText()));
    }
};

QTEST_MAIN(TestUploadPane)
#include "tst_uploadpane.moc"
