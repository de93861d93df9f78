// GuiPost on its own: work posted from other threads runs on the GUI thread, all of it and in
// order; work for an owner that is gone is dropped, never run; work that deletes its owner ends
// the batch it was in. Run under ThreadSanitizer in CI, which checks the hand-over itself.

#include "desktop/threads/guipost.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace {

struct Owner : QObject
{
    std::vector<int> seen; // GUI thread only
    std::vector<bool> onGuiThread;
    GuiPost<Owner> toGui { this };
};

} // namespace

class TestGuiPost : public QObject
{
    Q_OBJECT
private slots:
    void runsEveryPieceOnTheGuiThreadInOrder()
    {
        Owner owner;
        constexpr int kPerThread = 2000;
        std::vector<std::thread> posters;
        for (int t = 0; t < 2; ++t)
            posters.emplace_back([post = owner.toGui, t] {
                for (int i = 0; i < kPerThread; ++i)
                    post([value = t * kPerThread + i](Owner* o) {
                        o->seen.push_back(value);
                        o->onGuiThread.push_back(QThread::currentThread() == o->thread());
                    });
            });
        for (auto& poster : posters)
            poster.join();
        QTRY_COMPARE(owner.seen.size(), std::size_t(2 * kPerThread));
        QVERIFY(std::all_of(owner.onGuiThread.begin(), owner.onGuiThread.end(), [](bool b) { return b; }));
        // Each poster's own pieces keep its order.
        for (int t = 0; t < 2; ++t) {
            int last = -1;
            for (int value : owner.seen)
                if (value / kPerThread == t) {
                    QVERIFY2(value > last, qPrintable(QStringLiteral("%1 after %2").arg(value).arg(last)));
                    last = value;
                }
        }
    }

    void dropsWorkForAnOwnerThatIsGone()
    {
        auto* owner = new Owner;
        const GuiPost<Owner> post = owner->toGui; // what a stream's callbacks keep
        std::atomic<int> ran { 0 };
        post([&ran](Owner*) { ++ran; }); // waiting when the owner goes
        delete owner;
        std::thread late([post, &ran] { post([&ran](Owner*) { ++ran; }); });
        late.join();
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QCOMPARE(ran.load(), 0);
    }

    void workThatDeletesItsOwnerEndsTheBatch()
    {
        auto* owner = new Owner;
        QPointer<Owner> alive(owner);
        int after = 0;
        std::thread poster([post = owner->toGui, &after] {
            post([](Owner* o) { delete o; });
            post([&after](Owner*) { ++after; });
        });
        poster.join();
        QTRY_VERIFY(alive.isNull());
        QTest::qWait(50);
        QCOMPARE(after, 0);
    }
};

QTEST_GUILESS_MAIN(TestGuiPost)
#include "tst_guipost.moc"
