#pragma once
// A column of numbers that copies of a series share until one of them changes it (copy on
// write). Why: the series of a wide file (time,cpu,mem,...) all have the same times, and a
// copy of each for every series was most of the memory past the values themselves (on 10M
// rows of four columns, 240 MB of 640). Copying a Series now costs nothing for its times.
//
// Reading is a std::vector's: size, [], data, begin/end, and a const std::vector& where a
// function wants one. Writing goes through the few calls below, each of which first makes the
// column this owner's own if anyone else holds it; element access never writes, so reading a
// shared column through a non-const Series never copies it.
//
// Threads: as for a std::vector, one owner is not to be written while read elsewhere. Two
// owners of one column on two threads are independent: a write copies while the other still
// holds it, and the count of owners is read with acquire order, so an owner's reads on another
// thread come before the writes of the owner it left the column to. (An own count rather than a
// std::shared_ptr, whose use_count() is a relaxed load that ThreadSanitizer cannot order.)

#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace od {

template <typename T> class SharedColumn
{
public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using const_reference = const T&;
    using reference = const T&;
    using const_pointer = const T*;
    using pointer = const T*;
    using const_iterator = const T*;
    using iterator = const T*;

    SharedColumn() = default;
    SharedColumn(std::vector<T> values) // implicit, as a vector was: Series { name, times, values }
        : m_block(new Block(std::move(values)))
    { }
    SharedColumn(std::initializer_list<T> values)
        : m_block(new Block(std::vector<T>(values)))
    { }
    SharedColumn(const SharedColumn& other)
        : m_block(hold(other.m_block))
    { }
    SharedColumn(SharedColumn&& other) noexcept
        : m_block(std::exchange(other.m_block, nullptr))
    { }
    ~SharedColumn() { release(m_block); }
    SharedColumn& operator=(const SharedColumn& other)
    {
        Block* const held = hold(other.m_block); // first: other may be this
        release(m_block);
        m_block = held;
        return *this;
    }
    SharedColumn& operator=(SharedColumn&& other) noexcept
    {
        if (this != &other) {
            release(m_block);
            m_block = std::exchange(other.m_block, nullptr);
        }
        return *this;
    }
    SharedColumn& operator=(std::vector<T> values) { return *this = SharedColumn(std::move(values)); }
    SharedColumn& operator=(std::initializer_list<T> values) { return *this = SharedColumn(values); }

    const std::vector<T>& vector() const { return m_block ? m_block->values : emptyVector(); }
    operator const std::vector<T>&() const { return vector(); }

    std::size_t size() const { return m_block ? m_block->values.size() : 0; }
    bool empty() const { return size() == 0; }
    const T* data() const { return m_block ? m_block->values.data() : nullptr; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size(); }
    const T& operator[](std::size_t i) const { return m_block->values[i]; }
    const T& front() const { return m_block->values.front(); }
    const T& back() const { return m_block->values.back(); }

    // The column to write, this owner's own: copied first if another owner holds it.
    std::vector<T>& edit()
    {
        if (!m_block) {
            m_block = new Block({});
        } else if (m_block->owners.load(std::memory_order_acquire) != 1) {
            Block* const own = new Block(m_block->values);
            release(m_block);
            m_block = own;
        }
        return m_block->values;
    }

    void push_back(const T& value) { edit().push_back(value); }
    void reserve(std::size_t n) { edit().reserve(n); }
    void resize(std::size_t n) { edit().resize(n); }
    void clear() { *this = SharedColumn(); }
    void assign(std::size_t n, const T& value) { edit().assign(n, value); }
    template <typename It> void insert(const T* at, It first, It last)
    {
        const auto offset = at - begin();
        auto& column = edit();
        column.insert(column.begin() + offset, first, last);
    }
    void erase(const T* first, const T* last)
    {
        const auto from = first - begin();
        const auto to = last - begin();
        auto& column = edit();
        column.erase(column.begin() + from, column.begin() + to);
    }

    // True when both hold the very same column (not merely equal numbers).
    bool sharesWith(const SharedColumn& other) const { return m_block && m_block == other.m_block; }
    // How many owners hold this column: 0 for an empty one never written.
    long owners() const { return m_block ? m_block->owners.load(std::memory_order_relaxed) : 0; }

    friend bool operator==(const SharedColumn& a, const SharedColumn& b) { return a.vector() == b.vector(); }
    friend bool operator==(const SharedColumn& a, const std::vector<T>& b) { return a.vector() == b; }

private:
    struct Block
    {
        explicit Block(std::vector<T> v)
            : values(std::move(v))
        { }
        std::atomic<long> owners { 1 };
        std::vector<T> values;
    };

    static Block* hold(Block* block)
    {
        if (block)
            block->owners.fetch_add(1, std::memory_order_relaxed);
        return block;
    }
    // The last owner deletes; acq_rel orders every owner's use before that.
    static void release(Block* block)
    {
        if (block && block->owners.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete block;
    }
    static const std::vector<T>& emptyVector()
    {
        static const std::vector<T> none;
        return none;
    }

    Block* m_block = nullptr;
};

} // namespace od
