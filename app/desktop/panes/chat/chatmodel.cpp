#include "desktop/panes/chat/chatmodel.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <vector>

namespace {

// One line in the list: a line break would make the row taller than its neighbours.
QString shownText(const QString& text)
{
    QString shown = text.size() > ChatModel::kShownChars ? text.left(ChatModel::kShownChars) + QChar(0x2026) : text;
    shown.replace(QLatin1Char('\n'), QChar(0x21b5));
    return shown;
}

// Tooltips are shown as rich text whenever they look like markup, so the text goes in escaped,
// inside an explicit rich-text document that wraps long lines. Capped: a tooltip of megabytes
// would take seconds to lay out.
QString tooltipText(const QString& text)
{
    constexpr int kMaxTooltipChars = 20'000;
    QString shown = text.left(kMaxTooltipChars).toHtmlEscaped();
    if (text.size() > kMaxTooltipChars)
        shown += QStringLiteral(" … (%1 more characters)").arg(text.size() - kMaxTooltipChars);
    shown.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return QStringLiteral("<qt>") + shown + QStringLiteral("</qt>");
}

} // namespace

ChatModel::ChatModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

ChatModel::~ChatModel() = default;

bool ChatModel::markDelivered(const Message& m)
{
    if (m_undelivered == 0)
        return false; // the common case, and what keeps a flood of others' messages cheap
    for (std::size_t row = 0; row < m_messages.size(); ++row) {
        Message& sent = m_messages[row];
        if (sent.direction != Sent || sent.delivered || sent.sender != m.sender || sent.text != m.text)
            continue;
        sent.delivered = true;
        --m_undelivered;
        emit dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        return true;
    }
    return false;
}

void ChatModel::append(std::vector<Message> messages)
{
    std::erase_if(messages, [this](const Message& m) { return m.direction == Received && markDelivered(m); });
    if (messages.empty())
        return;
    // Of a flood bigger than the list itself only the newest can be kept anyway.
    if (messages.size() > std::size_t(kMaxMessages))
        messages.erase(messages.begin(), messages.end() - kMaxMessages);
    const int overflow = int(m_messages.size() + messages.size()) - kMaxMessages;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (auto it = m_messages.begin(); it != m_messages.begin() + overflow; ++it)
            m_undelivered -= it->direction == Sent && !it->delivered ? 1 : 0;
        m_messages.erase(m_messages.begin(), m_messages.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_messages.size());
    beginInsertRows({}, first, first + int(messages.size()) - 1);
    for (auto& m : messages) {
        m_undelivered += m.direction == Sent && !m.delivered ? 1 : 0;
        m_messages.push_back(std::move(m));
    }
    endInsertRows();
}

void ChatModel::clear()
{
    beginResetModel();
    m_messages.clear();
    m_undelivered = 0;
    endResetModel();
}

int ChatModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int ChatModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChatModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Message& m = m_messages[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return m.time.toString(QStringLiteral("HH:mm:ss"));
        case DirectionColumn:
            if (m.direction == Sent)
                return m.delivered ? tr("delivered") : tr("sent");
            return tr("received");
        case SenderColumn:
            return shownText(m.sender);
        case MessageColumn:
            return shownText(m.text);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return m.time.toString(Qt::ISODateWithMs);
        case SenderColumn:
            return tooltipText(m.sender);
        case MessageColumn:
            return tooltipText(m.text);
        }
        break;
    case FullTextRole:
        return index.column() == SenderColumn ? m.sender : m.text;
    case DirectionRole:
        return int(m.direction);
    case Qt::ForegroundRole:
        if (index.column() == DirectionColumn || index.column() == TimeColumn)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText); // quieter, in either theme
        break;
    case Qt::BackgroundRole:
        if (m.direction == Sent) {
            // What I said stands apart from what I heard: a tint of the selection colour, which
            // the light and the dark palette both keep readable under the text colour.
            QColor tint = QGuiApplication::palette().color(QPalette::Highlight);
            tint.setAlpha(40);
            return QBrush(tint);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ChatModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case SenderColumn:
        return tr("From");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}
