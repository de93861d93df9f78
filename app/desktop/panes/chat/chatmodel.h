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
        // A sent message that came back from the server as it was sent (a room sends every
        // message to every participant, its sender included).
        bool delivered = false;
    };

    // The list keeps the newest this many messages, so a flood cannot grow memory without bound.
    static constexpr int kMaxMessages = 5000;
    // Longer texts are cut in the list; the tooltip and FullTextRole have them whole.
    static constexpr int kShownChars = 400;

    explicit ChatModel(QObject* parent = nullptr);
    ~ChatModel() override;

    // Appends messages in order, dropping the oldest beyond kMaxMessages. A received message
    // with the sender and text of a sent one not yet delivered is its echo: it marks the
    // oldest such sent message delivered instead of showing the words a second time.
    void append(std::vector<Message> messages);
    void clear();
    const Message& message(int row) const { return m_messages[std::size_t(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Marks the oldest undelivered sent message like m delivered; false when there is none.
    bool markDelivered(const Message& m);

    std::deque<Message> m_messages;
    int m_undelivered = 0; // sent messages in the list still waiting for their echo
};
