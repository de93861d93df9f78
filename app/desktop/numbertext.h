#pragma once
// Counts and durations as the status bar words them: "1 row", "12,345 rows", "3.2 ms", "41 ms".

#include <QLocale>
#include <QString>

#include <cstddef>

inline QString countOf(std::size_t n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(qulonglong(n)), n == 1 ? one : many);
}

inline QString formatMillis(double ms)
{
    return ms < 10 ? QString::number(ms, 'f', 1) + QStringLiteral(" ms") : QString::number(qRound(ms)) + " ms";
}
