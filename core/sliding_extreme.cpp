#include "sliding_extreme.h"

namespace od {

SlidingMax::SlidingMax(std::size_t length)
    : m_length(length < 1 ? 1 : length)
    , m_slots(m_length)
{ }

void SlidingMax::reset()
{
    m_head = m_size = 0;
    m_pushed = 0;
}

void SlidingMax::push(double value)
{
    // Entries no larger than the new one can never be the maximum again: drop them from the back.
    while (m_size > 0) {
        const std::size_t back = (m_head + m_size - 1) % m_length;
        if (m_slots[back].value > value)
            break;
        --m_size;
    }
    // The front leaves once it is `length` pushes old.
    if (m_size > 0 && m_slots[m_head].seq + m_length <= m_pushed) {
        m_head = (m_head + 1) % m_length;
        --m_size;
    }
    m_slots[(m_head + m_size) % m_length] = { m_pushed, value };
    ++m_size;
    ++m_pushed;
}

} // namespace od
