#include "desktop/panes/chat/chatpane.h"

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/panes/chat/chatmodel.h"

#include "rpc/client/chat_session.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <deque>
#include <mutex>

namespace {

const char* kNicknameKey = "chat/nickname";

QString defaultNickname()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("me") : user;
}

} // namespace

// Messages waiting for the GUI thread. Shared with the session's callbacks, so it outlives the
// pane when the chat ends after the pane is gone.
struct ChatPane::Inbox
{
    // Beyond this many waiting messages the oldest go: the list keeps no more than that anyway.
    static constexpr std::size_t kMaxWaiting = ChatModel::kMaxMessages;

    std::mutex mutex;
    std::deque<ChatModel::Message> messages;
    std::size_t dropped = 0;
    bool posted = false; // a takeInbox() is on its way to the GUI thread
};

ChatPane::ChatPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_inbox(std::make_shared<Inbox>())
    , m_nickEdit(new QLineEdit(this))
    , m_joinButton(new QPushButton(tr("&Join"), this))
    , m_leaveButton(new QPushButton(tr("&Leave"), this))
    , m_disconnectButton(new QPushButton(tr("&Disconnect"), this))
    , m_model(new ChatModel(this))
    , m_view(new QTableView(this))
    , m_messageEdit(new QLineEdit(this))
    , m_sendButton(new QPushButton(tr("Send"), this))
    , m_stateLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("chatPane"));
    setFocusProxy(m_messageEdit); // Ctrl+1/2/3 land where one types
    m_nickEdit->setObjectName(QStringLiteral("nicknameEdit"));
    m_nickEdit->setPlaceholderText(tr("Nickname"));
    m_nickEdit->setMaxLength(64);
    m_nickEdit->setText(QSettings().value(kNicknameKey, defaultNickname()).toString());
    m_joinButton->setObjectName(QStringLiteral("chatJoinButton"));
    m_leaveButton->setObjectName(QStringLiteral("chatLeaveButton"));
    m_leaveButton->setToolTip(tr("Send no more messages; replies still arrive until the server closes the chat."));
    m_disconnectButton->setObjectName(QStringLiteral("chatDisconnectButton"));
    m_disconnectButton->setToolTip(tr("End the chat at once."));

    m_view->setObjectName(QStringLiteral("chatView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setShowGrid(false);
    // Fixed widths: sizing columns to contents would measure every row of a flood.
    auto* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QFontMetrics fm = m_view->fontMetrics();
    m_view->setColumnWidth(ChatModel::TimeColumn, fm.horizontalAdvance(QStringLiteral("00:00:00")) + 16);
    m_view->setColumnWidth(ChatModel::DirectionColumn,
        std::max(fm.horizontalAdvance(tr("received")), fm.horizontalAdvance(tr("delivered"))) + 16);
    m_view->setColumnWidth(ChatModel::SenderColumn, fm.horizontalAdvance(QStringLiteral("Server")) * 2);

    m_messageEdit->setObjectName(QStringLiteral("chatMessageEdit"));
    m_messageEdit->setPlaceholderText(tr("Message (Enter to send)"));
    m_sendButton->setObjectName(QStringLiteral("chatSendButton"));
    m_stateLabel->setObjectName(QStringLiteral("chatState"));
    m_stateLabel->setTextFormat(Qt::PlainText);
    m_stateLabel->setWordWrap(true);
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* top = new QHBoxLayout;
    auto* nickLabel = new QLabel(tr("&Nickname"), this);
    nickLabel->setBuddy(m_nickEdit);
    top->addWidget(nickLabel);
    top->addWidget(m_nickEdit, 1);
    top->addWidget(m_joinButton);
    top->addWidget(m_leaveButton);
    top->addWidget(m_disconnectButton);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_messageEdit, 1);
    bottom->addWidget(m_sendButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_stateLabel);

    connect(m_nickEdit, &QLineEdit::editingFinished, this, [this] { setNickname(m_nickEdit->text()); });
    connect(m_joinButton, &QPushButton::clicked, this, &ChatPane::join);
    connect(m_leaveButton, &QPushButton::clicked, this, &ChatPane::leave);
    connect(m_disconnectButton, &QPushButton::clicked, this, &ChatPane::disconnectChat);
    const auto sendTyped = [this] {
        if (send(m_messageEdit->text()))
            m_messageEdit->clear();
    };
    connect(m_messageEdit, &QLineEdit::returnPressed, this, sendTyped);
    connect(m_sendButton, &QPushButton::clicked, this, sendTyped);
    connect(m_messageEdit, &QLineEdit::textChanged, this, &ChatPane::updateButtons);

    setState(tr("Not in a chat. Press Join, or just send a message."));
    updateButtons();
}

ChatPane::~ChatPane()
{
    // The child widgets outlive this destructor's body: the nickname box losing focus as the
    // window goes would call back into a ChatPane that is no longer one.
    m_nickEdit->disconnect(this);
    m_messageEdit->disconnect(this);
    if (m_session)
        m_session->cancel();
}

QString ChatPane::nickname() const
{
    const QString nick = m_nickEdit->text().trimmed();
    return nick.isEmpty() ? defaultNickname() : nick;
}

void ChatPane::setNickname(const QString& nickname)
{
    if (m_nickEdit->text() != nickname)
        m_nickEdit->setText(nickname);
    QSettings().setValue(kNicknameKey, nickname.trimmed());
}

void ChatPane::join()
{
    if (m_phase == Phase::Joined || m_phase == Phase::Leaving)
        return;
    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    const quint64 id = ++m_sessionId;
    m_cancelRequested = false;
    od::rpc::ChatSession::Callbacks callbacks;
    callbacks.received = [inbox = m_inbox, toGui = m_toGui](const od::rpc::ChatLine& line) {
        ChatModel::Message m { QDateTime::currentDateTime(), ChatModel::Received, QString::fromStdString(line.user),
            QString::fromStdString(line.message) };
        bool post = false;
        {
            std::lock_guard lock(inbox->mutex);
            inbox->messages.push_back(std::move(m));
            if (inbox->messages.size() > Inbox::kMaxWaiting) {
                inbox->messages.pop_front();
                ++inbox->dropped;
            }
            post = !std::exchange(inbox->posted, true);
        }
        if (post)
            toGui([](ChatPane* pane) { pane->takeInbox(); });
    };
    callbacks.finished = [toGui = m_toGui, id](const od::rpc::RpcStatus& status) {
        toGui([id, status](ChatPane* pane) { pane->onFinished(id, status); });
    };
    m_session = od::rpc::ChatSession::start(m_channels->channelForCall(endpoint), std::move(callbacks));
    m_joinedEndpoint = endpoint;
    m_phase = Phase::Joined;
    setState(tr("In the chat at %1 as %2.").arg(endpoint, nickname()));
    updateButtons();
}

bool ChatPane::send(const QString& text)
{
    if (text.isEmpty())
        return false;
    if (m_phase == Phase::Leaving) {
        setState(tr("You have left this chat; it is closing. Join again to send."), true);
        return false;
    }
    if (m_phase != Phase::Joined)
        join();
    const QString nick = nickname();
    switch (m_session->send({ nick.toStdString(), text.toStdString() })) {
    case od::rpc::ChatSession::Sent::Queued:
        break;
    case od::rpc::ChatSession::Sent::Closed:
        setState(tr("Not sent: the chat is closing."), true);
        return false;
    case od::rpc::ChatSession::Sent::QueueFull:
        // The text stays in the box (the caller clears it only on success): nothing typed is lost.
        setState(tr("Not sent: the messages waiting to go out fill the chat's queue (%1 messages or %2 MiB); the "
                    "server or the connection takes them slower than they are sent. Your text is kept: press Send "
                    "again once they have gone, or Disconnect to drop them.")
                     .arg(QLocale().toString(qulonglong(od::rpc::ChatSession::kMaxQueuedMessages)))
                     .arg(od::rpc::ChatSession::kMaxQueuedBytes / (1024 * 1024)),
            true);
        return false;
    }
    m_model->append({ ChatModel::Message { QDateTime::currentDateTime(), ChatModel::Sent, nick, text } });
    m_view->scrollToBottom();
    return true;
}

void ChatPane::leave()
{
    if (m_phase != Phase::Joined)
        return;
    m_phase = Phase::Leaving;
    m_session->leave();
    setState(tr("Left: no more messages go out; replies still arrive until the server closes the chat."));
    updateButtons();
}

void ChatPane::disconnectChat()
{
    if (m_phase != Phase::Joined && m_phase != Phase::Leaving)
        return;
    m_cancelRequested = true;
    m_session->cancel(); // finishes with CANCELLED, reported in onFinished
    setState(tr("Disconnecting…"));
}

void ChatPane::takeInbox()
{
    std::vector<ChatModel::Message> batch;
    std::size_t dropped = 0;
    {
        std::lock_guard lock(m_inbox->mutex);
        batch.assign(
            std::make_move_iterator(m_inbox->messages.begin()), std::make_move_iterator(m_inbox->messages.end()));
        m_inbox->messages.clear();
        std::swap(dropped, m_inbox->dropped);
        m_inbox->posted = false;
    }
    if (batch.empty())
        return;
    // Follow the conversation only if the user was already reading its end.
    const QScrollBar* bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    const int count = int(batch.size());
    m_model->append(std::move(batch));
    if (atEnd)
        m_view->scrollToBottom();
    if (dropped)
        setState(tr("%1 messages came faster than they could be shown and were skipped.").arg(dropped), true);
    emit messagesReceived(count);
}

void ChatPane::onFinished(quint64 sessionId, const od::rpc::RpcStatus& status)
{
    takeInbox(); // what arrived before the end is shown before the end is announced
    if (sessionId != m_sessionId)
        return; // an older chat ending late: the one shown now is not affected
    const bool wasLeaving = m_phase == Phase::Leaving;
    m_session.reset();
    m_phase = Phase::Closed;
    const QString how = QString::fromStdString(status.toString());
    if (status.ok())
        setState(wasLeaving ? tr("Left the chat; the server closed it (%1).").arg(how)
                            : tr("The server closed the chat (%1).").arg(how));
    else if (m_cancelRequested)
        setState(tr("Disconnected (%1).").arg(how));
    else
        setState(tr("The chat failed: %1").arg(how), true);
    if (status.code == UnreachableWatch::kUnavailableCode && !m_cancelRequested)
        m_unreachable.watch(m_joinedEndpoint); // no longer true once the channel is ready again
    updateButtons();
    emit chatClosed(status.code);
}

QString ChatPane::stateText() const
{
    return m_stateLabel->text();
}

void ChatPane::channelStateChanged(const QString& endpoint, const QString& state)
{
    if (!m_unreachable.readyAgain(endpoint, state))
        return;
    const QString before = m_stateLabel->text();
    setState(tr("%1 is reachable now; the chat had failed. Press Join to chat again.").arg(endpoint));
    m_stateLabel->setToolTip(tr("Before the channel became ready: %1").arg(before));
}

void ChatPane::setState(const QString& text, bool isError)
{
    m_unreachable.forget();
    m_stateLabel->setText(text);
    m_stateLabel->setToolTip(text);
    m_stateLabel->setStyleSheet(
        isError ? QStringLiteral("color: %1;").arg(errorTextColour(palette()).name()) : QString());
}

void ChatPane::updateButtons()
{
    const bool open = m_phase == Phase::Joined || m_phase == Phase::Leaving;
    m_joinButton->setEnabled(!open);
    m_leaveButton->setEnabled(m_phase == Phase::Joined);
    m_disconnectButton->setEnabled(open);
    m_sendButton->setEnabled(m_phase != Phase::Leaving && !m_messageEdit->text().isEmpty());
    m_messageEdit->setEnabled(m_phase != Phase::Leaving);
}
