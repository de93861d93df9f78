#pragma once
// What the GUI benchmarks share: resident memory, percentiles of timer lateness, and integer
// flags from the command line.

#include <QByteArray>
#include <QFile>
#include <QList>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <unistd.h>

// This process's resident memory in MB, or -1 when /proc cannot be read.
inline double residentMegabytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    if (fields.size() < 2)
        return -1;
    return double(fields[1].toLongLong()) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// The p-th fraction (0..1) of v, 0 when empty; p = 1 is the largest.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

// The integer after `name` on the command line, or fallback.
inline int intArg(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    }
    return fallback;
}
