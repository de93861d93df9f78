// Reading a CSV value cell: the quick path for plain decimals (readPlainDecimal) gives the very
// double a correctly rounded parser gives, or declines; parseValue's documented answers.

#include "core/csv/number_parse.h"
#include "same_bits.h"

#include <QTest>

#include <charconv>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {

using bitstest::sameBits;

// The reference: std::from_chars, correctly rounded like fast_float, for what readPlainDecimal
// claims to read.
bool referenceValue(const std::string& text, double& out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

// readPlainDecimal on text as a cell inside a buffer: followed by `after` (what the next bytes
// of a file hold) and told it may read that far, and told nothing (the text alone). Both must
// agree with each other; returns whether it read.
bool readBothWays(const std::string& text, const std::string& after, double& out)
{
    const std::string buffer = text + after;
    double inBuffer = -1, alone = -2;
    const bool a
        = od::readPlainDecimal(std::string_view(buffer.data(), text.size()), inBuffer, buffer.data() + buffer.size());
    const bool b = od::readPlainDecimal(text, alone);
    if (a != b || (a && !sameBits(inBuffer, alone)))
        qFatal("readPlainDecimal('%s') differs with '%s' readable after it", text.c_str(), after.c_str());
    out = alone;
    return a;
}

} // namespace

class TestNumberParse : public QObject
{
    Q_OBJECT

private slots:
    // Random plain decimals of every length on either side of the point, with and without a
    // sign: each reads, and to the reference's double bit for bit, unless w exceeds 2^53 (then
    // it may decline, and parseValue still gives the reference's answer).
    void plainDecimalsReadAsTheReference()
    {
        std::mt19937_64 random(18);
        const std::vector<std::string> followers { "", ",", "\n", "\r\n", ",123456789012345678", "999999999999999999" };
        int read = 0;
        for (int round = 0; round < 200'000; ++round) {
            // Mostly the short numbers files hold, some up to 19 digits.
            const int intDigits = 1 + static_cast<int>(random() % (random() % 2 ? 8 : 19));
            const int fractionDigits = static_cast<int>(random() % (20 - intDigits));
            std::string text = random() % 4 == 0 ? "-" : "";
            for (int i = 0; i < intDigits; ++i)
                text += static_cast<char>('0' + random() % 10);
            if (fractionDigits > 0 || random() % 8 == 0) {
                text += '.';
                for (int i = 0; i < fractionDigits; ++i)
                    text += static_cast<char>('0' + random() % 10);
            }
            double expected = 0;
            QVERIFY2(referenceValue(text, expected), text.c_str());
            double got = 0;
            if (readBothWays(text, followers[random() % followers.size()], got)) {
                ++read;
                QVERIFY2(sameBits(got, expected), qPrintable(QString::fromStdString(text)));
            } else {
                // Declined: only a trailing point, or digits that as one integer pass 2^53.
                std::uint64_t w = 0;
                for (const char c : text)
                    w = c >= '0' && c <= '9' ? w * 10 + std::uint64_t(c - '0') : w;
                QVERIFY2(text.back() == '.' || w > (std::uint64_t(1) << 53), text.c_str());
            }
            double general = 0;
            if (text.back() != '.') {
                QCOMPARE(od::parseValue(text, general), od::ValueKind::Number);
                QVERIFY2(sameBits(general, expected), text.c_str());
            }
        }
        QVERIFY2(read > 100'000, qPrintable(QString::number(read)));
    }

    // The lengths the eight-at-a-time path reads (up to 8 digits with a point), with a byte that
    // is no digit at every place: declined exactly when the text is not a plain decimal.
    void everyByteAtEveryPlace()
    {
        for (const std::string base : { "12345678", "1234.5678", "1.2345678", "1234567.8", "-459.854", "7", "0.5" }) {
            for (std::size_t at = 0; at < base.size(); ++at) {
                for (int byte = 1; byte < 256; ++byte) {
                    std::string text = base;
                    text[at] = static_cast<char>(byte);
                    double got = 0, expected = 0;
                    const bool read = readBothWays(text, "12345678", got);
                    // Plain means: an optional leading '-', digits, at most one '.' between digits.
                    const std::size_t first = text[0] == '-' ? 1 : 0;
                    bool plain = text.size() > first;
                    std::size_t points = 0, point = 0;
                    for (std::size_t i = first; i < text.size(); ++i) {
                        if (text[i] == '.') {
                            ++points;
                            point = i;
                        } else if (text[i] < '0' || text[i] > '9') {
                            plain = false;
                        }
                    }
                    plain = plain && (points == 0 || (points == 1 && point > first && point + 1 < text.size()));
                    QVERIFY2(read == plain, qPrintable(QString("%1 at %2 in %3").arg(byte).arg(at).arg(base.c_str())));
                    if (read) {
                        QVERIFY(referenceValue(text, expected));
                        QVERIFY2(sameBits(got, expected), text.c_str());
                    }
                }
            }
        }
    }

    void parseValueAnswers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        const double nan = std::nan("");
        const int number = int(od::ValueKind::Number), missing = int(od::ValueKind::Missing),
                  unreadable = int(od::ValueKind::Unreadable), infinite = int(od::ValueKind::Infinite);
        QTest::addRow("plain") << "459.854" << number << 459.854;
        QTest::addRow("negative zero") << "-0" << number << -0.0;
        QTest::addRow("plus sign") << "+1.5" << number << 1.5;
        QTest::addRow("blanks") << " 1.5\t" << number << 1.5;
        QTest::addRow("leading point") << ".5" << number << 0.5;
        QTest::addRow("trailing point") << "5." << number << 5.0;
        QTest::addRow("exponent") << "1e5" << number << 1e5;
        QTest::addRow("2^53 + 1") << "9007199254740993" << number << 9007199254740992.0;
        QTest::addRow("twenty digits") << "12345678901234567890" << number << 12345678901234567890.0;
        QTest::addRow("underflow") << "1e-400" << number << 0.0;
        QTest::addRow("empty") << "" << missing << nan;
        QTest::addRow("NaN") << "NaN" << missing << nan;
        QTest::addRow("n/a") << "n/a" << missing << nan;
        QTest::addRow("inf") << "inf" << infinite << nan;
        QTest::addRow("overflow") << "1e309" << infinite << nan;
        QTest::addRow("two points") << "1.2.3" << unreadable << nan;
        QTest::addRow("minus only") << "-" << unreadable << nan;
        QTest::addRow("hex") << "0x10" << unreadable << nan;
    }

    void parseValueAnswers()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(double, value);
        double got = 0;
        QCOMPARE(int(od::parseValue(text.toStdString(), got)), kind);
        if (kind == int(od::ValueKind::Number))
            QVERIFY(sameBits(got, value));
        else if (kind == int(od::ValueKind::Missing))
            QVERIFY(std::isnan(got));
    }
};

QTEST_APPLESS_MAIN(TestNumberParse)
#include "tst_numberparse.moc"
