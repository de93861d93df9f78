// The CSV reader's second thread: jobs run in the order posted, wait() returns only when all
// have run and hands back a job's exception, and nothing queued is lost when it goes.

#include "core/csv/csv_worker.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

class TestCsvWorker : public QObject
{
    Q_OBJECT

private slots:
    void runsJobsInOrderOnAnotherThread()
    {
        od::CsvWorker worker;
        worker.wait(); // nothing posted yet, no thread yet: returns at once
        std::vector<int> order;
        std::atomic<bool> elsewhere { true };
        const auto caller = std::this_thread::get_id();
        for (int i = 0; i < 1000; ++i) {
            worker.post([&, i] {
                order.push_back(i);
                if (std::this_thread::get_id() == caller)
                    elsewhere = false;
            });
        }
        worker.wait();
        QCOMPARE(order.size(), 1000u);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(order[std::size_t(i)], i);
        QVERIFY(elsewhere);
    }

    // wait() is the reader's barrier: what a job wrote is seen after it.
    void waitReturnsWhenAllHaveRun()
    {
        od::CsvWorker worker;
        int done = 0;
        for (int round = 1; round <= 50; ++round) {
            worker.post([&] {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                ++done;
            });
            worker.post([&] { ++done; });
            worker.wait();
            QCOMPARE(done, 2 * round);
        }
    }

    void aFailureComesBackAndDropsTheJobsAfterIt()
    {
        od::CsvWorker worker;
        int ran = 0;
        worker.post([&] { ++ran; });
        worker.post([] { throw std::runtime_error("out of room"); });
        worker.post([&] { ++ran; });
        bool thrown = false;
        try {
            worker.wait();
        } catch (const std::runtime_error& e) {
            thrown = QByteArray(e.what()) == "out of room";
        }
        QVERIFY(thrown);
        QCOMPARE(ran, 1);
        // Handed back once; the worker goes on with new jobs.
        worker.post([&] { ++ran; });
        worker.wait();
        QCOMPARE(ran, 2);
    }

    void goingAwayRunsWhatIsQueued()
    {
        std::atomic<int> ran { 0 };
        {
            od::CsvWorker worker;
            for (int i = 0; i < 20; ++i) {
                worker.post([&] {
                    std::this_thread::sleep_for(std::chrono::microseconds(100));
                    ++ran;
                });
            }
        }
        QCOMPARE(ran.load(), 20);
    }
};

QTEST_APPLESS_MAIN(TestCsvWorker)
#include "tst_csvworker.moc"
