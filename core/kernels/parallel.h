#pragma once
// Splits [0, n) into contiguous chunks and runs them on a few threads. Detectors use it for
// passes over tens of millions of values, where two cores halve the time; small inputs stay
// on the calling thread, where starting threads would cost more than the work.

#include <cstddef>
#include <functional>

namespace od {

// How many chunks parallelFor will use for n items (1 below about a million).
std::size_t parallelChunks(std::size_t n);

// Calls body(chunk, begin, end) once per chunk, concurrently, and returns when all are done.
// Chunks are in order: chunk c covers items before chunk c + 1's.
void parallelFor(std::size_t n, const std::function<void(std::size_t chunk, std::size_t begin, std::size_t end)>& body);

} // namespace od
