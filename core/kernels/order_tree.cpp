#include "core/kernels/order_tree.h"

namespace od {

OrderTree::OrderTree(std::size_t capacity)
{
    m_nodes.reserve(capacity);
}

void OrderTree::clear()
{
    m_nodes.clear();
    m_free.clear();
    m_root = kNone;
}

std::uint32_t OrderTree::nextPriority()
{
    // xorshift64*: cheap, and the treap needs only priorities that look random to the data.
    m_rng ^= m_rng >> 12;
    m_rng ^= m_rng << 25;
    m_rng ^= m_rng >> 27;
    return static_cast<std::uint32_t>((m_rng * 0x2545F4914F6CDD1DULL) >> 32);
}

OrderTree::Index OrderTree::newNode(double value)
{
    const Node node { value, nextPriority(), kNone, kNone, 1 };
    if (!m_free.empty()) {
        const Index n = m_free.back();
        m_free.pop_back();
        m_nodes[n] = node;
        return n;
    }
    m_nodes.push_back(node);
    return static_cast<Index>(m_nodes.size() - 1);
}

void OrderTree::update(Index n)
{
    Node& node = m_nodes[n];
    node.size
        = 1 + (node.left == kNone ? 0 : m_nodes[node.left].size) + (node.right == kNone ? 0 : m_nodes[node.right].size);
}

void OrderTree::split(Index t, double value, bool inclusive, Index& less, Index& rest)
{
    if (t == kNone) {
        less = rest = kNone;
        return;
    }
    const double v = m_nodes[t].value;
    if (inclusive ? v <= value : v < value) {
        split(m_nodes[t].right, value, inclusive, m_nodes[t].right, rest);
        less = t;
    } else {
        split(m_nodes[t].left, value, inclusive, less, m_nodes[t].left);
        rest = t;
    }
    update(t);
}

OrderTree::Index OrderTree::merge(Index a, Index b)
{
    if (a == kNone)
        return b;
    if (b == kNone)
        return a;
    if (m_nodes[a].priority > m_nodes[b].priority) {
        m_nodes[a].right = merge(m_nodes[a].right, b);
        update(a);
        return a;
    }
    m_nodes[b].left = merge(a, m_nodes[b].left);
    update(b);
    return b;
}

void OrderTree::insert(double value)
{
    Index less, rest;
    split(m_root, value, false, less, rest);
    m_root = merge(merge(less, newNode(value)), rest);
}

bool OrderTree::erase(double value)
{
    Index less, rest, equal, greater;
    split(m_root, value, false, less, rest);
    split(rest, value, true, equal, greater);
    bool found = false;
    if (equal != kNone) {
        // Drop the root of the equal part: any one copy will do.
        m_free.push_back(equal);
        equal = merge(m_nodes[equal].left, m_nodes[equal].right);
        found = true;
    }
    m_root = merge(merge(less, equal), greater);
    return found;
}

double OrderTree::select(std::size_t k) const
{
    Index t = m_root;
    for (;;) {
        const Node& node = m_nodes[t];
        const std::size_t leftSize = node.left == kNone ? 0 : m_nodes[node.left].size;
        if (k < leftSize) {
            t = node.left;
        } else if (k == leftSize) {
            return node.value;
        } else {
            k -= leftSize + 1;
            t = node.right;
        }
    }
}

std::size_t OrderTree::countLess(double value) const
{
    std::size_t count = 0;
    Index t = m_root;
    while (t != kNone) {
        const Node& node = m_nodes[t];
        if (node.value < value) {
            count += 1 + (node.left == kNone ? 0 : m_nodes[node.left].size);
            t = node.right;
        } else {
            t = node.left;
        }
    }
    return count;
}

} // namespace od
