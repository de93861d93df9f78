// A column's remembered decimal shape (DecimalShape) answers what readPlainDecimal answers, bit
// for bit and in whether it reads at all, whatever shape it remembers and whatever comes next:
// the shape only ever spares work, it never decides.

#include "core/csv/decimal_shape.h"
#include "same_bits.h"

#include <QTest>

#include <random>
#include <string>
#include <vector>

namespace {

using bitstest::sameBits;

// Reads text as a cell followed by `after` in a buffer (what the rest of a file holds), with
// the shape and with readPlainDecimal; fails the test where they differ. Returns whether it read.
bool readWithShape(od::DecimalShape& shape, const std::string& text, const std::string& after = "12345678")
{
    const std::string buffer = text + after;
    const std::string_view cell(buffer.data(), text.size());
    const char* const end = buffer.data() + buffer.size();
    double expected = -1, got = -2;
    const bool plain = od::readPlainDecimal(cell, expected, end);
    const bool read = shape.read(cell, got, end);
    if (read != plain || (read && !sameBits(got, expected)))
        qFatal("DecimalShape read '%s' (%s) unlike readPlainDecimal (%s)", text.c_str(), read ? "read" : "declined",
            plain ? "read" : "declined");
    return read;
}

} // namespace

class TestDecimalShape : public QObject
{
    Q_OBJECT

private slots:
    // Each shape learned, then every byte at every place of a text of that shape, and texts one
    // byte shorter and longer: the shape's quick check must let through exactly the plain
    // decimals, and convert them as readPlainDecimal does.
    void everyByteAtEveryPlaceOfTheRememberedShape()
    {
        const std::vector<std::string> shapes { "459.854", "-459.854", "12345678", "-1234567", "1.5", "7", "-0.5",
            "0.000001", "1234567.", "1234.5678", "-9", "99999999" };
        int read = 0;
        for (const std::string& base : shapes) {
            for (std::size_t at = 0; at < base.size(); ++at) {
                for (int byte = 1; byte < 256; ++byte) {
                    od::DecimalShape shape;
                    readWithShape(shape, base); // remembers base's shape when it is plain
                    std::string text = base;
                    text[at] = static_cast<char>(byte);
                    read += readWithShape(shape, text);
                    readWithShape(shape, base); // and back, after whatever text taught it
                }
            }
            od::DecimalShape shape;
            readWithShape(shape, base);
            readWithShape(shape, base.substr(1));
            readWithShape(shape, base);
            readWithShape(shape, base + "5");
            readWithShape(shape, base + ".");
        }
        // Plenty of the mutations are digits for digits: they must have read.
        QVERIFY2(read > 500, qPrintable(QString::number(read)));
    }

    // A column whose values change shape now and then, as real ones do (a value crossing 100, a
    // sign, a missing point), each read followed by what a file may hold next: every answer
    // readPlainDecimal's.
    void aStreamOfChangingShapes()
    {
        std::mt19937_64 random(42);
        const std::vector<std::string> followers { "", ",", "\n", "\r\n", ",12345678", "99999999" };
        od::DecimalShape shape;
        int read = 0;
        for (int i = 0; i < 200'000; ++i) {
            std::string text = random() % 16 == 0 ? "-" : "";
            const int intDigits = 1 + static_cast<int>(random() % (random() % 8 == 0 ? 9 : 3));
            for (int d = 0; d < intDigits; ++d)
                text += static_cast<char>('0' + random() % 10);
            if (random() % 8 != 0) {
                text += '.';
                const int fractionDigits = random() % 16 == 0 ? 0 : 1 + static_cast<int>(random() % 4);
                for (int d = 0; d < fractionDigits; ++d)
                    text += static_cast<char>('0' + random() % 10);
            }
            if (random() % 64 == 0)
                text[random() % text.size()] = "x .-,e"[random() % 6];
            read += readWithShape(shape, text, followers[random() % followers.size()]);
        }
        QVERIFY2(read > 150'000, qPrintable(QString::number(read)));
    }

    // Without readable bytes after the text the shape is not used, and the answer is still
    // readPlainDecimal's.
    void atTheEndOfTheBuffer()
    {
        od::DecimalShape shape;
        readWithShape(shape, "459.854");
        QVERIFY(readWithShape(shape, "459.854", ""));
        QVERIFY(readWithShape(shape, "12.5", ""));
        QVERIFY(!readWithShape(shape, "45x.854", ""));
    }
};

QTEST_APPLESS_MAIN(TestDecimalShape)
#include "tst_decimalshape.moc"
