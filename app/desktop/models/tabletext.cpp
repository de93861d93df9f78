#include "desktop/models/tabletext.h"

#include <QAbstractItemModel>

#include <set>

namespace {

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
        text.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

QString tsvField(QString text)
{
    // A tab or newline inside a cell would split it; spaces keep the row one row.
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

template <typename Field>
QString rowsAsText(const QAbstractItemModel& model, const std::set<int>& rows, QChar separator, Field field)
{
    QString out;
    for (int c = 0; c < model.columnCount(); ++c)
        out += (c ? QString(separator) : QString()) + field(model.headerData(c, Qt::Horizontal).toString());
    out += QLatin1Char('\n');
    for (const int r : rows) {
        for (int c = 0; c < model.columnCount(); ++c)
            out += (c ? QString(separator) : QString()) + field(model.index(r, c).data().toString());
        out += QLatin1Char('\n');
    }
    return out;
}

std::set<int> allRows(const QAbstractItemModel& model)
{
    std::set<int> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.insert(r);
    return rows;
}

} // namespace

QString rowsAsTsv(const QAbstractItemModel& model, QModelIndexList indexes)
{
    std::set<int> rows;
    for (const QModelIndex& i : indexes)
        rows.insert(i.row());
    if (rows.empty())
        rows = allRows(model);
    return rowsAsText(model, rows, QLatin1Char('\t'), tsvField);
}

QString rowsAsCsv(const QAbstractItemModel& model)
{
    return rowsAsText(model, allRows(model), QLatin1Char(','), csvField);
}
