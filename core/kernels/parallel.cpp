#include "core/kernels/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace od {

namespace {
    constexpr std::size_t kMinPerChunk = 1 << 19; // below this a thread costs more than it saves
}

std::size_t parallelChunks(std::size_t n)
{
    static const std::size_t cores = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    return std::clamp<std::size_t>(n / kMinPerChunk, 1, cores);
}

void parallelFor(std::size_t n, const std::function<void(std::size_t, std::size_t, std::size_t)>& body)
{
    const std::size_t chunks = parallelChunks(n);
    if (chunks == 1) {
        body(0, 0, n);
        return;
    }
    std::vector<std::thread> threads;
    threads.reserve(chunks - 1);
    for (std::size_t c = 1; c < chunks; ++c)
        threads.emplace_back(body, c, n * c / chunks, n * (c + 1) / chunks);
    body(0, 0, n / chunks);
    for (auto& t : threads)
        t.join();
}

} // namespace od
