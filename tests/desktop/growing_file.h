#pragma once
// What the tests of a followed file share: the rows that another program appends to it.

#include <QByteArray>
#include <QtGlobal>

#include <cmath>

// The first row's time, in Unix seconds.
inline constexpr qint64 kGrowingStart = 1'700'000'000;

// Rows first..last-1 of a one-series `timestamp,value` file, a second apart, gently varying
// values: nothing in them stands out.
inline QByteArray growingRows(int first, int last)
{
    QByteArray out;
    for (int i = first; i < last; ++i)
        out += QByteArray::number(kGrowingStart + i) + ',' + QByteArray::number(10 + std::sin(i * 0.3), 'f', 3) + '\n';
    return out;
}
