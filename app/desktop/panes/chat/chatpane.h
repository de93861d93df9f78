#pragma once
// Chat (greeter.Greeter/Chat, bidirectional streaming): a nickname, the message list, Enter to
// send, Leave (half-close: no more messages from us, the server may still answer) and
// Disconnect (cancel: over at once) as separate actions.
//
// Messages arrive on a gRPC thread; they are queued in a bounded inbox and handed to the GUI
// thread in batches, one queued call per batch, so a flood costs one model update per batch.

#include "desktop/connection/unreachablewatch.h"
#include "desktop/threads/guipost.h"

#include <QWidget>

#include <functional>
#include <memory>

class ChannelProvider;
class ChatModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
namespace od::rpc {
class ChatSession;
struct RpcStatus;
} // namespace od::rpc

class ChatPane : public QWidget
{
    Q_OBJECT
public:
    enum class Phase { Idle, Joined, Leaving, Closed };

    ChatPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent = nullptr);
    ~ChatPane() override; // cancels the chat if it is still open

    void join(); // starts a chat at the current endpoint; a no-op while one is open
    // Sends text under the nickname, joining first if needed; false when it cannot (empty text,
    // we have left and the chat is not closed yet, or too much already waits to go out), with
    // the reason in the state line.
    bool send(const QString& text);
    void leave();
    void disconnectChat();

    QString nickname() const;
    void setNickname(const QString& nickname); // remembered in the settings
    Phase phase() const { return m_phase; }
    QString stateText() const;
    ChatModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

public slots:
    // From ChannelStateIndicator::stateChanged: "the chat failed" for want of its server is
    // replaced once the channel to that endpoint is ready.
    void channelStateChanged(const QString& endpoint, const QString& state);

signals:
    void messagesReceived(int count);
    // The chat ended: code 0 when the server closed it, CANCELLED after disconnectChat().
    void chatClosed(int code);

private:
    struct Inbox;

    void takeInbox();
    void onFinished(quint64 sessionId, const od::rpc::RpcStatus& status);
    void setState(const QString& text, bool isError = false);
    void updateButtons();

    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    std::shared_ptr<Inbox> m_inbox;
    std::shared_ptr<od::rpc::ChatSession> m_session;
    quint64 m_sessionId = 0;
    Phase m_phase = Phase::Idle;
    bool m_cancelRequested = false; // Disconnect was pressed: CANCELLED is what the user asked for
    QString m_joinedEndpoint; // where the chat shown was started
    UnreachableWatch m_unreachable; // the state shown is a chat that could not reach its endpoint
    GuiPost<ChatPane> m_toGui { this }; // the chat's reports, from gRPC's threads

    QLineEdit* m_nickEdit;
    QPushButton* m_joinButton;
    QPushButton* m_leaveButton;
    QPushButton* m_disconnectButton;
    ChatModel* m_model;
    QTableView* m_view;
    QLineEdit* m_messageEdit;
    QPushButton* m_sendButton;
    QLabel* m_stateLabel;
};
