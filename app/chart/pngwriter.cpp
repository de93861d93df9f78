#include "chart/pngwriter.h"

#include <QImage>
#include <QtEndian>

#include <emmintrin.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <vector>

namespace {

using Bytes = std::vector<unsigned char>;

// zlib's window: how far back a deflated piece may refer.
constexpr std::size_t kWindow = 32768;

// The RGB bytes of row y, false where a pixel is not opaque.
bool rgbRow(const QImage& image, int y, unsigned char* out)
{
    const auto* pixels = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    const bool opaqueFormat = image.format() == QImage::Format_RGB32;
    QRgb alphas = 0xff000000u;
    for (int x = 0; x < image.width(); ++x) {
        const QRgb p = pixels[x];
        alphas &= p;
        out[3 * x] = static_cast<unsigned char>(qRed(p));
        out[3 * x + 1] = static_cast<unsigned char>(qGreen(p));
        out[3 * x + 2] = static_cast<unsigned char>(qBlue(p));
    }
    return opaqueFormat || alphas == 0xff000000u;
}

int paeth(int a, int b, int c)
{
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// What filter f predicts for a byte from a (left), b (above) and c (above left).
inline int predict(int f, int a, int b, int c)
{
    switch (f) {
    case 1:
        return a;
    case 2:
        return b;
    case 3:
        return (a + b) / 2;
    case 4:
        return paeth(a, b, c);
    default:
        return 0;
    }
}

// Paeth's prediction for 8 bytes widened to 16 bits.
inline __m128i paeth16(__m128i a, __m128i b, __m128i c)
{
    const auto abs16 = [](__m128i x) { return _mm_max_epi16(x, _mm_sub_epi16(_mm_setzero_si128(), x)); };
    const __m128i towardA = _mm_sub_epi16(b, c), towardB = _mm_sub_epi16(a, c); // p - a, p - b
    const __m128i pa = abs16(towardA), pb = abs16(towardB), pc = abs16(_mm_add_epi16(towardA, towardB));
    const __m128i notA = _mm_or_si128(_mm_cmpgt_epi16(pa, pb), _mm_cmpgt_epi16(pa, pc));
    const __m128i pickC = _mm_cmpgt_epi16(pb, pc);
    const __m128i bOrC = _mm_or_si128(_mm_andnot_si128(pickC, b), _mm_and_si128(pickC, c));
    return _mm_or_si128(_mm_andnot_si128(notA, a), _mm_and_si128(notA, bOrC));
}

// The row filtered each of the five ways into trial[0..4], 16 bytes at a time (SSE2, part of
// x86-64) past the first pixel, whose left neighbours are 0.
void filterFiveWays(const unsigned char* row, const unsigned char* above, std::size_t n, unsigned char* const trial[5])
{
    constexpr std::size_t bpp = 3;
    const auto scalar = [&](std::size_t i) {
        const int a = i >= bpp ? row[i - bpp] : 0, b = above[i], c = i >= bpp ? above[i - bpp] : 0;
        for (int f = 0; f < 5; ++f)
            trial[f][i] = static_cast<unsigned char>(row[i] - predict(f, a, b, c));
    };
    std::size_t i = 0;
    for (; i < std::min(bpp, n); ++i)
        scalar(i);
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1);
    const auto load = [](const unsigned char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
    const auto store = [](unsigned char* p, __m128i v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); };
    for (; i + 16 <= n; i += 16) {
        const __m128i x = load(row + i), a = load(row + i - bpp), b = load(above + i), c = load(above + i - bpp);
        store(trial[0] + i, x);
        store(trial[1] + i, _mm_sub_epi8(x, a));
        store(trial[2] + i, _mm_sub_epi8(x, b));
        // (a + b) / 2, rounded down: the rounded-up average less the odd bit.
        const __m128i average = _mm_sub_epi8(_mm_avg_epu8(a, b), _mm_and_si128(_mm_xor_si128(a, b), one));
        store(trial[3] + i, _mm_sub_epi8(x, average));
        const __m128i low = paeth16(_mm_unpacklo_epi8(a, zero), _mm_unpacklo_epi8(b, zero), _mm_unpacklo_epi8(c, zero));
        const __m128i high
            = paeth16(_mm_unpackhi_epi8(a, zero), _mm_unpackhi_epi8(b, zero), _mm_unpackhi_epi8(c, zero));
        store(trial[4] + i, _mm_sub_epi8(x, _mm_packus_epi16(low, high)));
    }
    for (; i < n; ++i)
        scalar(i);
}

// libpng's weight of a filtered row: each byte's distance from 0 as a signed byte, summed.
std::size_t weight(const unsigned char* v, std::size_t n)
{
    std::size_t i = 0, sum = 0;
    __m128i sums = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i));
        // min(x, 256 - x) is |x| as a signed byte (128 for -128).
        const __m128i distance = _mm_min_epu8(x, _mm_sub_epi8(_mm_setzero_si128(), x));
        sums = _mm_add_epi64(sums, _mm_sad_epu8(distance, _mm_setzero_si128()));
    }
    sum = static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
    for (; i < n; ++i)
        sum += v[i] < 128 ? v[i] : 256u - v[i];
    return sum;
}

// One row filtered the way (of five) whose bytes weigh least, appended to out after its filter
// byte: libpng's choice for an adaptive filter. above: the row before (zeros for the first).
void filterRow(const unsigned char* row, const unsigned char* above, std::size_t n, Bytes& out)
{
    thread_local Bytes scratch;
    scratch.resize(5 * n);
    unsigned char* const trial[5] = { scratch.data(), scratch.data() + n, scratch.data() + 2 * n,
        scratch.data() + 3 * n, scratch.data() + 4 * n };
    filterFiveWays(row, above, n, trial);
    std::size_t best = 0, bestWeight = weight(trial[0], n);
    for (std::size_t f = 1; f < 5; ++f) {
        if (const std::size_t w = weight(trial[f], n); w < bestWeight) {
            bestWeight = w;
            best = f;
        }
    }
    out.push_back(static_cast<unsigned char>(best));
    out.insert(out.end(), trial[best], trial[best] + n);
}

// Rows [first, last) filtered; false where a pixel is not opaque.
bool filterRows(const QImage& image, int first, int last, Bytes& out)
{
    const std::size_t n = 3 * static_cast<std::size_t>(image.width());
    Bytes previous(n, 0), current(n);
    if (first > 0 && !rgbRow(image, first - 1, previous.data()))
        return false;
    out.reserve(out.size() + static_cast<std::size_t>(last - first) * (n + 1));
    for (int y = first; y < last; ++y) {
        if (!rgbRow(image, y, current.data()))
            return false;
        filterRow(current.data(), previous.data(), n, out);
        std::swap(previous, current);
    }
    return true;
}

// Raw deflate of data[from, to), the 32 kB before `from` as its dictionary; the last piece
// closes the stream, any other ends on a byte boundary (a sync flush) so the next follows it.
Bytes deflatePiece(const Bytes& data, std::size_t from, std::size_t to, int level, bool last)
{
    z_stream z {};
    // libpng's settings for filtered rows: Z_FILTERED, 32 kB window, memory level 8.
    deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_FILTERED);
    const std::size_t dictionary = std::min(from, kWindow);
    if (dictionary > 0)
        deflateSetDictionary(&z, data.data() + from - dictionary, static_cast<uInt>(dictionary));
    Bytes out(deflateBound(&z, static_cast<uLong>(to - from)) + 16);
    z.next_in = const_cast<Bytef*>(data.data() + from);
    z.avail_in = static_cast<uInt>(to - from);
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    // Erased rather than resized: what deflate left unused is at most the buffer, and GCC, not
    // seeing that, warned of a resize that could grow it by nearly 2^64 bytes.
    out.erase(out.end() - static_cast<std::ptrdiff_t>(z.avail_out), out.end());
    deflateEnd(&z);
    return out;
}

void appendChunk(QByteArray& out, const char* type, const unsigned char* data, std::size_t size)
{
    unsigned char length[4];
    qToBigEndian(static_cast<quint32>(size), length);
    out.append(reinterpret_cast<const char*>(length), 4);
    const qsizetype start = out.size();
    out.append(type, 4);
    out.append(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(out.constData() + start), static_cast<uInt>(size + 4));
    unsigned char sum[4];
    qToBigEndian(static_cast<quint32>(crc), sum);
    out.append(reinterpret_cast<const char*>(sum), 4);
}

} // namespace

bool writeOpaquePng(const QImage& image, int level, QByteArray& out)
{
    const QImage::Format format = image.format();
    if (image.isNull()
        || (format != QImage::Format_RGB32 && format != QImage::Format_ARGB32
            && format != QImage::Format_ARGB32_Premultiplied))
        return false;
    // Two halves, each filtered and deflated on its own thread. The second deflates with the
    // end of the first as its dictionary: it filters the rows that hold it itself.
    const std::size_t rowBytes = 3 * static_cast<std::size_t>(image.width()) + 1;
    const int middle = image.height() / 2;
    const int before = std::min(middle, static_cast<int>((kWindow + rowBytes - 1) / rowBytes));
    struct Half
    {
        bool opaque = false;
        Bytes deflated;
        uLong adler = 0;
        std::size_t size = 0;
    };
    const auto half = [&](int first, int last, int lead, bool closes) {
        Half h;
        Bytes rows;
        h.opaque = filterRows(image, first - lead, last, rows);
        if (!h.opaque)
            return h;
        const std::size_t from = static_cast<std::size_t>(lead) * rowBytes;
        h.deflated = deflatePiece(rows, from, rows.size(), level, closes);
        h.adler = adler32(adler32(0, nullptr, 0), rows.data() + from, static_cast<uInt>(rows.size() - from));
        h.size = rows.size() - from;
        return h;
    };
    auto secondHalf = std::async(std::launch::async, half, middle, image.height(), before, true);
    const Half top = half(0, middle, 0, false);
    const Half bottom = secondHalf.get();
    if (!top.opaque || !bottom.opaque)
        return false;
    Bytes idat { 0x78, 0x01 }; // deflate, 32 kB window; (0x78 * 256 + 0x01) % 31 == 0
    idat.insert(idat.end(), top.deflated.begin(), top.deflated.end());
    idat.insert(idat.end(), bottom.deflated.begin(), bottom.deflated.end());
    const uLong adler = adler32_combine(top.adler, bottom.adler, static_cast<z_off_t>(bottom.size));
    unsigned char check[4];
    qToBigEndian(static_cast<quint32>(adler), check);
    idat.insert(idat.end(), check, check + 4);

    out.append("\x89PNG\r\n\x1a\n", 8);
    unsigned char header[13];
    qToBigEndian(static_cast<quint32>(image.width()), header);
    qToBigEndian(static_cast<quint32>(image.height()), header + 4);
    header[8] = 8; // bits per sample
    header[9] = 2; // RGB
    header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, no interlace
    appendChunk(out, "IHDR", header, sizeof header);
    if (image.dotsPerMeterX() > 0 || image.dotsPerMeterY() > 0) {
        unsigned char physical[9];
        qToBigEndian(static_cast<quint32>(std::max(0, image.dotsPerMeterX())), physical);
        qToBigEndian(static_cast<quint32>(std::max(0, image.dotsPerMeterY())), physical + 4);
        physical[8] = 1; // per metre
        appendChunk(out, "pHYs", physical, sizeof physical);
    }
    appendChunk(out, "IDAT", idat.data(), idat.size());
    appendChunk(out, "IEND", nullptr, 0);
    return true;
}
