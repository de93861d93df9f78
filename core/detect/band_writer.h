#pragma once
// Where a rolling or local rule writes the band it judged each point against and its flags:
// with BandDetail::PerPoint into the detection's per-point band; otherwise a piece of points at
// a time into scratch that is summarised into the band's blocks while still in the cache, so
// that the per-point band never exists whole (24 bytes a point: 240 MB on ten million). Each
// flag then keeps the centre it was judged against (Detection::flagCentres), which the why text
// and the JSON report name.

#include "core/detection.h"

#include <cstddef>
#include <vector>

namespace od {

class BandWriter
{
public:
    // A band over `points` points, all NaN until set().
    BandWriter(Detection& d, std::size_t points, BandDetail detail);
    BandWriter(const BandWriter&) = delete;
    BandWriter& operator=(const BandWriter&) = delete;

    // The band at point i; points in ascending order.
    void set(std::size_t i, double centre, double lower, double upper);
    // Point i (ascending) is flagged with `score` against `centre`.
    void flag(std::size_t i, double score, double centre);
    // Summarises the last pieces; before the detection is read.
    void finish();

private:
    void flushPiece();

    Detection& m_d;
    std::size_t m_points;
    bool m_perPoint;
    std::size_t m_pieceStart = 0;
    std::vector<double> m_lower, m_upper; // the piece from m_pieceStart, without a per-point band
};

} // namespace od
