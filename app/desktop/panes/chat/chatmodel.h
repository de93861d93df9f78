#pragma once
// The chat's message list: time, direction, sender and text of the newest messages. Text is
// data, never markup: the roles hand out plain strings, and the tooltip, which Qt would
// interpret as rich text, carries the text HTML-escaped.

#include <QAbstractTableModel>
#include <QDateTime>

#include <deque>

class ChatModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, DirectionColumn, SenderColumn, MessageColumn, ColumnCount };
    enum Direction { Sent, Received };
    enum Role { FullTextRole = Qt::UserRole + 1, DirectionRole };

    struct Message
    {
        QDateTime time;
        Direction direction = Received;
        QString sender;
        QString text;
    };

    // The list keeps the newest this many messages, so a flood cannot grow memory without bound.
    static constexpr int kMaxMessages = 5000;
    // Longer texts are cut in the list; the tooltip and FullTextRole have them whole.
    static constexpr int kShownChars = 400;

    explicit ChatModel(QObject* parent = nullptr);
    ~ChatModel() override;

    // Appends messages in order, dropping the oldest beyond kMaxMessages.
    void append(std::vector<Message> messages);
    void clear();
    const Message& message(int row) const { return m_messages[std::size_t(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<Message> m_messages;
};
