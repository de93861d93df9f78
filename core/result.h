#pragma once
// Errors as values: the core never throws across its API, so the server, the command line and
// the app all see the same failures the same way.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace od {

// A failure with, where there is one, the place in the input it refers to.
// line and column are 1-based; 0 means "not known / not applicable".
struct Error
{
    Error() = default;
    Error(std::string message_, std::string file_ = {}, int line_ = 0, int column_ = 0)
        : message(std::move(message_))
        , file(std::move(file_))
        , line(line_)
        , column(column_)
    { }

    std::string message;
    std::string file;
    int line = 0;
    int column = 0;

    // "file:line:col: message", dropping the parts that are unknown.
    std::string toString() const;
};

template <typename T> class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    { }
    Result(Error error)
        : m_data(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    T& value()
    {
        assert(ok());
        return std::get<T>(m_data);
    }
    const T& value() const
    {
        assert(ok());
        return std::get<T>(m_data);
    }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const
    {
        assert(!ok());
        return std::get<Error>(m_data);
    }

private:
    std::variant<T, Error> m_data;
};

} // namespace od
