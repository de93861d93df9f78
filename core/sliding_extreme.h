#pragma once
// The largest of the last `length` numbers pushed, in O(1) amortized time per push and O(length)
// memory, whatever the stream's length: what a record-breaking rule needs to ask "bigger than
// anything in the last L points?" at 10,000 ticks a second. A monotonic queue: each entry is
// kept only while no later, larger-or-equal entry exists, so the front is the maximum.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace od {

class SlidingMax
{
public:
    // length >= 1 (a smaller value is taken as 1).
    explicit SlidingMax(std::size_t length);

    void push(double value);
    void reset();
    // Entries in memory: the pushes so far, at most length().
    std::size_t count() const { return m_pushed < m_length ? static_cast<std::size_t>(m_pushed) : m_length; }
    std::size_t length() const { return m_length; }
    // The largest entry in memory; only valid when count() > 0.
    double max() const { return m_slots[m_head].value; }

private:
    struct Slot
    {
        std::uint64_t seq;
        double value;
    };
    std::size_t m_length;
    std::vector<Slot> m_slots; // a ring of `length` slots; the queue runs from head for size
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    std::uint64_t m_pushed = 0;
};

// The smallest and largest of the last `length` numbers pushed.
class SlidingRange
{
public:
    explicit SlidingRange(std::size_t length)
        : m_high(length)
        , m_negLow(length)
    { }
    void push(double value)
    {
        m_high.push(value);
        m_negLow.push(-value);
    }
    void reset()
    {
        m_high.reset();
        m_negLow.reset();
    }
    std::size_t count() const { return m_high.count(); }
    std::size_t length() const { return m_high.length(); }
    double low() const { return -m_negLow.max(); }
    double high() const { return m_high.max(); }

private:
    SlidingMax m_high;
    SlidingMax m_negLow;
};

} // namespace od
