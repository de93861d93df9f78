#pragma once
// A multiset of doubles that also answers "the k-th smallest" and "how many are smaller", each
// in O(log n) expected: a treap (a binary search tree kept balanced by random priorities) whose
// nodes count their subtree. It serves sliding windows, where a plain sorted vector would pay
// O(n) to insert and erase. The nodes live in one pool sized at construction, so a window that
// never grows beyond it never allocates after that.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace od {

class OrderTree
{
public:
    // Room for `capacity` values before the pool grows.
    explicit OrderTree(std::size_t capacity = 0);

    // NaN must not be inserted: it has no place in the order (the caller skips it).
    void insert(double value);
    // Removes one value equal to `value`; false when there is none.
    bool erase(double value);
    void clear();

    std::size_t size() const { return m_root == kNone ? 0 : m_nodes[m_root].size; }
    // The k-th smallest value, k = 0 .. size() - 1.
    double select(std::size_t k) const;
    // How many values are strictly smaller than value.
    std::size_t countLess(double value) const;

private:
    using Index = std::uint32_t;
    static constexpr Index kNone = ~Index(0);

    struct Node
    {
        double value;
        std::uint32_t priority;
        Index left;
        Index right;
        std::uint32_t size;
    };

    Index newNode(double value);
    void update(Index n);
    // Splits t into values < value (or <= value when inclusive) and the rest.
    void split(Index t, double value, bool inclusive, Index& less, Index& rest);
    Index merge(Index a, Index b);
    std::uint32_t nextPriority();

    std::vector<Node> m_nodes;
    std::vector<Index> m_free;
    Index m_root = kNone;
    std::uint64_t m_rng = 0x9e3779b97f4a7c15ULL; // fixed seed: the same input gives the same tree
};

} // namespace od
