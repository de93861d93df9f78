#include "core/detect/band_writer.h"

#include <algorithm>
#include <limits>

namespace od {

namespace {
    // Points per piece: 256 kB of scratch, in the cache when its blocks are made.
    constexpr std::size_t kWriterPiece = 16 * 1024;
    constexpr double kNoBand = std::numeric_limits<double>::quiet_NaN();
} // namespace

BandWriter::BandWriter(Detection& d, std::size_t points, BandDetail detail)
    : m_d(d)
    , m_points(points)
    , m_perPoint(detail == BandDetail::PerPoint)
{
    if (m_perPoint) {
        d.bandCentre.assign(points, kNoBand);
        d.bandLower.assign(points, kNoBand);
        d.bandUpper.assign(points, kNoBand);
    } else {
        m_lower.assign(std::min(kWriterPiece, points), kNoBand);
        m_upper.assign(m_lower.size(), kNoBand);
    }
}

void BandWriter::set(std::size_t i, double centre, double lower, double upper)
{
    if (m_perPoint) {
        m_d.bandCentre[i] = centre;
        m_d.bandLower[i] = lower;
        m_d.bandUpper[i] = upper;
        return;
    }
    while (i >= m_pieceStart + kWriterPiece)
        flushPiece();
    m_lower[i - m_pieceStart] = lower;
    m_upper[i - m_pieceStart] = upper;
}

void BandWriter::flag(std::size_t i, double score, double centre)
{
    m_d.indices.push_back(i);
    m_d.scores.push_back(score);
    if (!m_perPoint)
        m_d.flagCentres.push_back(centre);
}

void BandWriter::flushPiece()
{
    const std::size_t n = std::min(kWriterPiece, m_points - m_pieceStart);
    m_d.bandBlocks.append(m_lower.data(), m_upper.data(), n);
    std::fill_n(m_lower.begin(), n, kNoBand);
    std::fill_n(m_upper.begin(), n, kNoBand);
    m_pieceStart += n;
}

void BandWriter::finish()
{
    if (m_perPoint)
        return;
    while (m_pieceStart < m_points)
        flushPiece();
}

} // namespace od
