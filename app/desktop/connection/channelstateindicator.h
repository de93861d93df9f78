#pragma once
// The status bar's view of the channel to the current endpoint: a coloured dot and its
// connectivity state (idle, connecting, ready, transient failure, shutdown). Polls the channel
// without blocking; a click asks for the connection settings.

#include <QWidget>

#include <functional>

class ChannelProvider;
class QLabel;
class QTimer;

class ChannelStateIndicator : public QWidget
{
    Q_OBJECT
public:
    // endpoint() names the endpoint whose channel is shown; asked at every poll.
    ChannelStateIndicator(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent = nullptr);
    ~ChannelStateIndicator() override;

    // "ready", "connecting", ... as shown; "" before the first poll.
    QString stateText() const { return m_state; }
    // How often the state is read (default 250 ms).
    void setInterval(int ms);

public slots:
    void refresh();

signals:
    void clicked();
    // The state shown changed, or the endpoint did: state as stateText() says it ("" with no
    // endpoint). What was said about the connection before may no longer hold.
    void stateChanged(const QString& endpoint, const QString& state);

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    QLabel* m_dot;
    QLabel* m_text;
    QTimer* m_timer;
    QString m_state;
    QString m_shownEndpoint;
};
