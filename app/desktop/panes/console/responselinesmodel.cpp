#include "desktop/panes/console/responselinesmodel.h"

ResponseLinesModel::ResponseLinesModel(std::size_t maxResponses, QObject* parent)
    : QAbstractListModel(parent)
    , m_maxResponses(maxResponses)
{ }

void ResponseLinesModel::append(std::vector<Line>&& lines)
{
    if (lines.empty())
        return;
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(lines.size()) - 1);
    for (auto& line : lines) {
        if (!line.note)
            ++m_responses;
        m_lines.push_back(std::move(line));
    }
    endInsertRows();
    std::size_t drop = 0;
    std::size_t responses = m_responses;
    while (responses > m_maxResponses && drop < m_lines.size()) {
        if (!m_lines[drop].note)
            --responses;
        ++drop;
    }
    if (drop == 0)
        return;
    beginRemoveRows({}, 0, int(drop) - 1);
    m_lines.erase(m_lines.begin(), m_lines.begin() + std::ptrdiff_t(drop));
    m_responses = responses;
    endRemoveRows();
}

void ResponseLinesModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_responses = 0;
    endResetModel();
}

QStringList ResponseLinesModel::texts() const
{
    QStringList out;
    out.reserve(qsizetype(m_lines.size()));
    for (const auto& line : m_lines)
        out << line.text;
    return out;
}

int ResponseLinesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant ResponseLinesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line& line = m_lines[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return line.text;
    case NoteRole:
        return line.note;
    default:
        return {};
    }
}
