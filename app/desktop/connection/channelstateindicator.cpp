#include "desktop/connection/channelstateindicator.h"

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"

#include "rpc/client/channel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QTimer>

#include <grpcpp/channel.h>

namespace {

struct Look
{
    StateTone tone;
    const char* meaning;
};

Look lookOf(od::rpc::ChannelState state)
{
    using S = od::rpc::ChannelState;
    switch (state) {
    case S::Ready:
        return { StateTone::Good, QT_TR_NOOP("connected; calls go out at once") };
    case S::Connecting:
        return { StateTone::Busy, QT_TR_NOOP("connecting to the server") };
    case S::TransientFailure:
        return { StateTone::Bad,
            QT_TR_NOOP("the last attempt to connect failed; gRPC retries with back-off, and a call you start "
                       "connects afresh") };
    case S::Idle:
        return { StateTone::Idle,
            QT_TR_NOOP("not connected: no call yet, or none for a while; the next call connects") };
    case S::Shutdown:
        break;
    }
    return { StateTone::Closed, QT_TR_NOOP("closed") };
}

} // namespace

ChannelStateIndicator::ChannelStateIndicator(
    ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_dot(new QLabel(this))
    , m_text(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("channelState"));
    m_text->setObjectName(QStringLiteral("channelStateText"));
    const int size = fontMetrics().height() * 2 / 3;
    m_dot->setFixedSize(size, size);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_dot);
    layout->addWidget(m_text);
    setCursor(Qt::PointingHandCursor);
    // GetState(false) only reads a flag: cheap enough for a few polls a second on the GUI thread.
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &ChannelStateIndicator::refresh);
    connect(channels, &ChannelProvider::settingsChanged, this, &ChannelStateIndicator::refresh);
    connect(channels, &ChannelProvider::channelReplaced, this, &ChannelStateIndicator::refresh);
    m_timer->start();
    refresh();
}

ChannelStateIndicator::~ChannelStateIndicator() = default;

void ChannelStateIndicator::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void ChannelStateIndicator::refresh()
{
    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    if (endpoint.isEmpty()) {
        if (m_state.isEmpty() && !m_text->text().isEmpty())
            return;
        m_state.clear();
        m_shownEndpoint.clear();
        m_text->setText(tr("no endpoint"));
        m_dot->setStyleSheet(QStringLiteral("background: %1; border-radius: %2px;")
                                 .arg(stateDotColour(StateTone::Idle, palette()).name())
                                 .arg(m_dot->width() / 2));
        setToolTip(tr("No server address: enter one in the toolbar or in View > Connection."));
        emit stateChanged(QString(), QString());
        return;
    }
    const auto channel = m_channels->channel(endpoint);
    const od::rpc::ChannelState state = od::rpc::channelState(*channel);
    const QString name = QString::fromLatin1(od::rpc::channelStateName(state));
    if (name == m_state && endpoint == m_shownEndpoint)
        return; // repaint only on a change
    m_state = name;
    m_shownEndpoint = endpoint;
    const Look look = lookOf(state);
    m_dot->setStyleSheet(QStringLiteral("background: %1; border-radius: %2px;")
                             .arg(stateDotColour(look.tone, palette()).name())
                             .arg(m_dot->width() / 2));
    const QString shortEndpoint = fontMetrics().elidedText(endpoint, Qt::ElideMiddle, 220);
    m_text->setText(tr("%1: %2").arg(shortEndpoint, name));
    const bool tls = m_channels->settings().tls;
    setToolTip(tr("Channel to %1 (%2): %3, %4.\nClick for the connection settings.")
                   .arg(endpoint, tls ? tr("TLS") : tr("plaintext"), name, tr(look.meaning)));
    emit stateChanged(endpoint, name);
}

void ChannelStateIndicator::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        emit clicked();
    QWidget::mouseReleaseEvent(event);
}
