#include "core/detect/band_writer.h"

#include <algorithm>
#include <limits>

namespace od {

namespace {
    // Points per piece: 256 kB of scratch, in the cache when its blocks are made.
    constexpr std::size_t kPiece = 16 * 1024;
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

BandWriter::BandWriter(Detection& d, std::size_t points, BandDetail detail)
    : m_d(d)
    , m_points(points)
    , m_perPoint(detail == BandDetail::PerPoint)
{
    if (m_perPoint) {
        d.bandCentre.assign(points, kNaN);
        d.bandLower.assign(points, kNaN);
        d.bandUpper.assign(points, kNaN);
    } else {
        m_lower.assign(std::min(kPiece, points), kNaN);
        m_upper.assign(m_lower.size(), kNaN);
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
    while (i >= m_pieceStart + kPiece)
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
    const std::size_t n = std::min(kPiece, m_points - m_pieceStart);
    m_d.bandBlocks.append(m_lower.data(), m_upper.data(), n);
    std::fill_n(m_lower.begin(), n, kNaN);
    std::fill_n(m_upper.begin(), n, kNaN);
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
