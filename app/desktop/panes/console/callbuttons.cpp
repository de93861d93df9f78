#include "desktop/panes/console/callbuttons.h"

#include <QHBoxLayout>
#include <QPushButton>

CallButtons::CallButtons(QWidget* parent)
    : QWidget(parent)
    , m_start(new QPushButton(tr("&Call"), this))
    , m_send(new QPushButton(tr("Se&nd"), this))
    , m_halfClose(new QPushButton(tr("Half-cl&ose"), this))
    , m_cancel(new QPushButton(tr("C&ancel"), this))
    , m_copy(new QPushButton(tr("Cop&y as Command"), this))
{
    // Mnemonics chosen not to clash with the menus and the detector bar (Alt+D is Detection).
    m_start->setObjectName(QStringLiteral("startButton"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_halfClose->setObjectName(QStringLiteral("halfCloseButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_copy->setObjectName(QStringLiteral("copyCommandButton"));
    m_start->setToolTip(tr("Start a call with the request above (Ctrl+Return)"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_send->setToolTip(tr("Send the request above on the open stream"));
    m_halfClose->setToolTip(tr("No more messages from this side; the server may still answer"));
    m_cancel->setToolTip(tr("End the call, or the discovery, at once"));
    m_copy->setToolTip(tr("Put the same call as an outlierctl command line on the clipboard"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton* button : { m_start, m_send, m_halfClose, m_cancel })
        layout->addWidget(button);
    layout->addStretch(1);
    layout->addWidget(m_copy);
    connect(m_start, &QPushButton::clicked, this, &CallButtons::startClicked);
    connect(m_send, &QPushButton::clicked, this, &CallButtons::sendClicked);
    connect(m_halfClose, &QPushButton::clicked, this, &CallButtons::halfCloseClicked);
    connect(m_cancel, &QPushButton::clicked, this, &CallButtons::cancelClicked);
    connect(m_copy, &QPushButton::clicked, this, &CallButtons::copyClicked);
    setState({});
}

void CallButtons::setState(const State& state)
{
    m_start->setEnabled(state.picked && !state.calling);
    m_send->setEnabled(state.streamOpen && !state.streaming); // the series has the stream
    m_halfClose->setEnabled(state.streamOpen);
    m_cancel->setEnabled(state.calling || state.discovering);
    m_copy->setEnabled(state.picked);
}
