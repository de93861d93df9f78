// SharedColumn, the copy-on-write column a series' times are kept in: copies share one column
// until one of them writes, reads never copy, and every write leaves the other owners' numbers
// as they were, on one thread or two.

#include "core/shared_column.h"

#include <QTest>

#include <cstdint>
#include <thread>
#include <vector>

using Column = od::SharedColumn<std::int64_t>;

class TestSharedColumn : public QObject
{
    Q_OBJECT

private slots:
    void copiesShareUntilOneWrites()
    {
        Column a { 1, 2, 3 };
        Column b = a;
        QVERIFY(b.sharesWith(a));
        QCOMPARE(a.owners(), 2L);
        b.push_back(4);
        QVERIFY(!b.sharesWith(a));
        QCOMPARE(a, (std::vector<std::int64_t> { 1, 2, 3 }));
        QCOMPARE(b, (std::vector<std::int64_t> { 1, 2, 3, 4 }));
        // The only owner writes in place: the same storage.
        b.reserve(1000);
        const std::int64_t* reserved = b.data();
        b.push_back(5);
        QCOMPARE(b.data(), reserved);
        QCOMPARE(b.owners(), 1L);
    }

    void readingThroughANonConstOwnerNeverCopies()
    {
        Column a { 7, 8, 9 };
        Column b = a;
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < b.size(); ++i)
            sum += b[i];
        for (const std::int64_t t : b)
            sum += t;
        sum += b.front() + b.back() + *b.data();
        const std::vector<std::int64_t>& asVector = b;
        sum += asVector[1];
        QCOMPARE(sum, std::int64_t(48 + 7 + 9 + 7 + 8));
        QVERIFY(b.sharesWith(a));
    }

    void insertAndEraseAtTheirPlaces()
    {
        Column a { 1, 2, 3, 4, 5 };
        Column b = a;
        const std::vector<std::int64_t> more { 10, 11 };
        b.insert(b.begin() + 2, more.begin(), more.end());
        QCOMPARE(b, (std::vector<std::int64_t> { 1, 2, 10, 11, 3, 4, 5 }));
        Column c = b;
        c.erase(c.begin() + 1, c.begin() + 4);
        QCOMPARE(c, (std::vector<std::int64_t> { 1, 3, 4, 5 }));
        QCOMPARE(b, (std::vector<std::int64_t> { 1, 2, 10, 11, 3, 4, 5 }));
        QCOMPARE(a, (std::vector<std::int64_t> { 1, 2, 3, 4, 5 }));
        // At the end, and into an empty column.
        Column empty;
        empty.insert(empty.end(), more.begin(), more.end());
        QCOMPARE(empty, more);
    }

    void assignClearAndEmpty()
    {
        Column a;
        QVERIFY(a.empty());
        QCOMPARE(a.size(), std::size_t(0));
        QVERIFY(a.begin() == a.end());
        QCOMPARE(a.owners(), 0L);
        QVERIFY(!a.sharesWith(Column {})); // empty columns share nothing
        a.assign(3, 6);
        QCOMPARE(a, (std::vector<std::int64_t> { 6, 6, 6 }));
        Column b = a;
        b = std::vector<std::int64_t> { 1 };
        QCOMPARE(a, (std::vector<std::int64_t> { 6, 6, 6 }));
        b.clear();
        QVERIFY(b.empty());
        QCOMPARE(a.size(), std::size_t(3));
        a.resize(5);
        QCOMPARE(a, (std::vector<std::int64_t> { 6, 6, 6, 0, 0 }));
        std::vector<std::int64_t>& own = a.edit();
        own[0] = 42;
        QCOMPARE(a[0], std::int64_t(42));
    }

    // Two threads, each with its own copy of one column, write at once: each sees its own
    // numbers, the original keeps its own (ThreadSanitizer checks the rest in CI).
    void ownersOnTwoThreadsAreIndependent()
    {
        Column original;
        for (std::int64_t i = 0; i < 100'000; ++i)
            original.push_back(i);
        Column left = original, right = original;
        std::thread other([&] {
            for (std::int64_t i = 0; i < 1000; ++i)
                right.push_back(-i);
        });
        for (std::int64_t i = 0; i < 1000; ++i)
            left.push_back(i);
        other.join();
        QCOMPARE(original.size(), std::size_t(100'000));
        QCOMPARE(left.size(), std::size_t(101'000));
        QCOMPARE(right.size(), std::size_t(101'000));
        QCOMPARE(left.back(), std::int64_t(999));
        QCOMPARE(right.back(), std::int64_t(-999));
        QCOMPARE(right[99'999], std::int64_t(99'999));
        // A copy dropped on another thread: the owner left writes in place afterwards.
        Column keep = original;
        std::thread dropper([copy = std::move(original)]() mutable { copy = Column {}; });
        dropper.join();
        QCOMPARE(keep.owners(), 1L);
        const std::int64_t* at = keep.data();
        keep.edit()[0] = -1;
        QCOMPARE(keep.data(), at);
    }
};

QTEST_APPLESS_MAIN(TestSharedColumn)
#include "tst_sharedcolumn.moc"
