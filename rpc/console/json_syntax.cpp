#include "json_syntax.h"

#include <cctype>
#include <string>

namespace od::rpc {
namespace {

    // Nesting deeper than this is refused rather than risking the stack on hostile input.
    constexpr int kMaxNesting = 200;

    class Scanner
    {
    public:
        explicit Scanner(std::string_view text)
            : m_text(text)
        { }

        std::optional<Error> run()
        {
            skipBlanks();
            if (atEnd())
                return fail("empty input: expected a JSON object such as {}");
            if (!value(0))
                return m_error;
            skipBlanks();
            if (!atEnd())
                return fail("unexpected text after the JSON value (one message at a time)");
            return std::nullopt;
        }

    private:
        bool atEnd() const { return m_pos >= m_text.size(); }
        char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

        void skipBlanks()
        {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
                ++m_pos;
        }

        Error fail(const std::string& message)
        {
            int line = 0;
            int column = 0;
            lineAndColumn(m_text, m_pos, line, column);
            m_error = Error(message, {}, line, column);
            return *m_error;
        }

        bool failed(const std::string& message)
        {
            fail(message);
            return false;
        }

        std::string found() const
        {
            if (atEnd())
                return "the end of the input";
            const char c = peek();
            if (std::isprint(static_cast<unsigned char>(c)))
                return std::string("'") + c + "'";
            return "byte " + std::to_string(static_cast<unsigned char>(c));
        }

        bool value(int depth)
        {
            if (depth > kMaxNesting)
                return failed("nested more than " + std::to_string(kMaxNesting) + " levels deep");
            skipBlanks();
            switch (peek()) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return word("true");
            case 'f':
                return word("false");
            case 'n':
                return word("null");
            default:
                if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek())))
                    return number();
                if (std::isalpha(static_cast<unsigned char>(peek())) || peek() == '\'')
                    return failed("expected a value, found " + found() + " (strings need double quotes)");
                return failed(
                    "expected a value (object, array, string, number, true, false or null), found " + found());
            }
        }

        bool object(int depth)
        {
            ++m_pos; // '{'
            skipBlanks();
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            for (;;) {
                skipBlanks();
                if (peek() != '"')
                    return failed("expected a field name in double quotes, found " + found());
                if (!string())
                    return false;
                skipBlanks();
                if (peek() != ':')
                    return failed("expected ':' after the field name, found " + found());
                ++m_pos;
                if (!value(depth + 1))
                    return false;
                skipBlanks();
                if (peek() == ',') {
                    ++m_pos;
                    skipBlanks();
                    if (peek() == '}')
                        return failed("a trailing comma before '}' is not JSON");
                    continue;
                }
                if (peek() == '}') {
                    ++m_pos;
                    return true;
                }
                return failed("expected ',' or '}' in the object, found " + found());
            }
        }

        bool array(int depth)
        {
            ++m_pos; // '['
            skipBlanks();
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            for (;;) {
                if (!value(depth + 1))
                    return false;
                skipBlanks();
                if (peek() == ',') {
                    ++m_pos;
                    skipBlanks();
                    if (peek() == ']')
                        return failed("a trailing comma before ']' is not JSON");
                    continue;
                }
                if (peek() == ']') {
                    ++m_pos;
                    return true;
                }
                return failed("expected ',' or ']' in the array, found " + found());
            }
        }

        bool string()
        {
            const size_t start = m_pos;
            ++m_pos; // '"'
            while (!atEnd()) {
                const char c = peek();
                if (c == '"') {
                    ++m_pos;
                    return true;
                }
                if (static_cast<unsigned char>(c) < 0x20)
                    return failed("a control character (line break, tab) inside a string: write it as \\n or \\t");
                if (c == '\\') {
                    ++m_pos;
                    const char e = peek();
                    if (e == 'u') {
                        for (int i = 0; i < 4; ++i) {
                            ++m_pos;
                            if (!std::isxdigit(static_cast<unsigned char>(peek())))
                                return failed("\\u needs four hexadecimal digits");
                        }
                    } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || atEnd()) {
                        return failed("unknown escape \\" + std::string(1, e) + " in a string");
                    }
                }
                ++m_pos;
            }
            m_pos = start;
            return failed("a string that is never closed (missing '\"')");
        }

        bool word(std::string_view w)
        {
            if (m_text.substr(m_pos, w.size()) != w)
                return failed("expected a value, found " + found() + " (strings need double quotes)");
            m_pos += w.size();
            return true;
        }

        bool number()
        {
            if (peek() == '-')
                ++m_pos;
            if (!std::isdigit(static_cast<unsigned char>(peek())))
                return failed("expected a digit, found " + found());
            if (peek() == '0' && m_pos + 1 < m_text.size()
                && std::isdigit(static_cast<unsigned char>(m_text[m_pos + 1])))
                return failed("a number may not start with 0");
            while (std::isdigit(static_cast<unsigned char>(peek())))
                ++m_pos;
            if (peek() == '.') {
                ++m_pos;
                if (!std::isdigit(static_cast<unsigned char>(peek())))
                    return failed("expected a digit after the decimal point, found " + found());
                while (std::isdigit(static_cast<unsigned char>(peek())))
                    ++m_pos;
            }
            if (peek() == 'e' || peek() == 'E') {
                ++m_pos;
                if (peek() == '+' || peek() == '-')
                    ++m_pos;
                if (!std::isdigit(static_cast<unsigned char>(peek())))
                    return failed("expected a digit in the exponent, found " + found());
                while (std::isdigit(static_cast<unsigned char>(peek())))
                    ++m_pos;
            }
            return true;
        }

        std::string_view m_text;
        size_t m_pos = 0;
        std::optional<Error> m_error;
    };

} // namespace

void lineAndColumn(std::string_view text, size_t offset, int& line, int& column)
{
    line = 1;
    column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

std::optional<Error> checkJsonSyntax(std::string_view text)
{
    return Scanner(text).run();
}

} // namespace od::rpc
