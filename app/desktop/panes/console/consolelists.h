#pragma once
// The console's list fields ("a.proto; b.proto", "key: value; key: value") as lists, and lists
// as the rpc layer takes them.

#include <QStringList>

#include <string>
#include <vector>

// The ';'-separated items of text, trimmed, empty ones left out.
inline QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

inline std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& item : list)
        out.push_back(item.toStdString());
    return out;
}
