#pragma once
// Where the CSV reader's bytes come from: a text in memory, or a file read block by block.

#include "core/result.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace od {

// The bytes not yet parsed, in windows that start at a row boundary.
class CsvSource
{
public:
    virtual ~CsvSource() = default;
    // At least `want` bytes when that many remain (more is fine); atEnd when the window
    // reaches the end of the input.
    virtual std::optional<Error> window(std::size_t want, std::string_view& out, bool& atEnd) = 0;
    virtual void consume(std::size_t n) = 0;
};

class CsvTextSource final : public CsvSource
{
public:
    explicit CsvTextSource(std::string_view text)
        : m_text(text)
    { }

    std::optional<Error> window(std::size_t want, std::string_view& out, bool& atEnd) override
    {
        out = m_text.substr(m_pos, want);
        atEnd = m_pos + out.size() == m_text.size();
        return std::nullopt;
    }
    void consume(std::size_t n) override { m_pos += n; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// read() into one reusable buffer rather than mmap: pages of a mapping count towards the
// process's resident memory as they are touched, a buffer stays a few megabytes.
class CsvFileSource final : public CsvSource
{
public:
    // Takes ownership of fd.
    CsvFileSource(int fd, std::string path);
    ~CsvFileSource() override;

    std::optional<Error> window(std::size_t want, std::string_view& out, bool& atEnd) override;
    void consume(std::size_t n) override { m_begin += n; }

private:
    int m_fd;
    std::string m_path;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
};

} // namespace od
