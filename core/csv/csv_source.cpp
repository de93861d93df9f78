#include "core/csv/csv_source.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace od {

CsvFileSource::CsvFileSource(int fd, std::string path)
    : m_fd(fd)
    , m_path(std::move(path))
{ }

CsvFileSource::~CsvFileSource()
{
    ::close(m_fd);
}

std::optional<Error> CsvFileSource::window(std::size_t want, std::string_view& out, bool& atEnd)
{
    if (m_begin > 0 && m_end - m_begin < want) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_capacity - m_begin < want) {
        auto bigger = std::make_unique_for_overwrite<char[]>(want);
        if (m_end > m_begin)
            std::memcpy(bigger.get(), m_buffer.get() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
        m_buffer = std::move(bigger);
        m_capacity = want;
    }
    while (!m_eof && m_end - m_begin < want) {
        const ssize_t n = ::read(m_fd, m_buffer.get() + m_end, m_capacity - m_end);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error { std::string("cannot read the file: ") + std::strerror(errno), m_path };
        }
        if (n == 0)
            m_eof = true;
        m_end += static_cast<std::size_t>(n);
    }
    out = std::string_view(m_buffer.get() + m_begin, m_end - m_begin);
    atEnd = m_eof;
    return std::nullopt;
}

} // namespace od
