#pragma once
// The largest (and smallest) of the last `length` numbers pushed, in O(1) amortized time per
// push and O(length) memory, whatever the stream's length: what a record-breaking rule needs to
// ask "bigger than anything in the last L points?" at 10,000 ticks a second.
//
// Blocks of `length` entries (van Herk / Gil-Werman, online): the last `length` entries are the
// tail of the previous block and the head of the current one, so their maximum is the larger of
// the previous block's suffix maximum and the current block's running maximum. When a block is
// complete its suffix maxima are computed in one backward pass. No branch depends on the data,
// which keeps it about twice as fast as a monotonic queue on noisy series.

#include <cstddef>
#include <span>
#include <vector>

namespace od {

class SlidingRange
{
public:
    // length >= 1 (a smaller value is taken as 1). Without withLow, low() is not kept (and
    // meaningless): a maximum alone costs half as much.
    explicit SlidingRange(std::size_t length, bool withLow = true);

    void push(double value);
    // push() for each of values in turn, first writing high() (and low(), when kept) as they
    // stood before it to highs[i] (lows[i]): the memories a run of points is judged against, in
    // one pass that keeps its state in registers. The same numbers as the calls one by one.
    void pushAll(std::span<const double> values, double* highs, double* lows);
    void reset();
    // Entries in memory: the pushes so far, at most length().
    std::size_t count() const { return m_count; }
    std::size_t length() const { return m_block.size(); }
    // The largest and smallest entries in memory; only meaningful when count() > 0.
    double high() const;
    double low() const;

private:
    std::vector<double> m_block; // the current block's entries, then the next block's
    std::vector<double> m_suffixHigh; // of the previous block: max of its entries [i, length)
    std::vector<double> m_suffixLow; // empty without withLow
    // The block is full: it becomes the previous block, read from its suffix extremes.
    void completeBlock();

    std::size_t m_pos = 0; // entries in the current block
    std::size_t m_count = 0;
    double m_high; // of the current block's entries so far
    double m_low;
};

// The largest of the last `length` numbers pushed.
class SlidingMax
{
public:
    explicit SlidingMax(std::size_t length)
        : m_range(length, false)
    { }
    void push(double value) { m_range.push(value); }
    // push() for each of values, first writing max() as it stood before it to maxes[i].
    void pushAll(std::span<const double> values, double* maxes) { m_range.pushAll(values, maxes, nullptr); }
    void reset() { m_range.reset(); }
    std::size_t count() const { return m_range.count(); }
    std::size_t length() const { return m_range.length(); }
    double max() const { return m_range.high(); }

private:
    SlidingRange m_range;
};

} // namespace od
