#pragma once
// Streams a series into an open client or bidi stream of the console at a chosen rate: one
// message per value, the request with the value in the chosen numeric field
// (rpc/console/number_field.h). Paced by a GUI-thread timer against the elapsed time, so a rate
// above the timer's resolution sends several messages a tick and a stalled frame catches up;
// the call's write queue does the rest off the GUI thread.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

class ConsoleCall;
class QTimer;
namespace od::rpc {
class NumberFiller;
}

class SeriesSender : public QObject
{
    Q_OBJECT
public:
    explicit SeriesSender(QObject* parent = nullptr);
    ~SeriesSender() override;

    // Starts sending values on call, perSecond messages a second, the first one at once. Every
    // value must be one filler accepts (NumberFiller::refuses()). A send in progress is stopped.
    void start(
        ConsoleCall* call, std::unique_ptr<od::rpc::NumberFiller> filler, std::vector<double> values, double perSecond);
    // Sends no more; ended(false, {}) when it was sending. The call stays as it is.
    void stop();
    bool isSending() const;
    std::size_t sent() const { return m_sent; }
    std::size_t total() const { return m_values.size(); }

signals:
    void progressed(qulonglong sent, qulonglong total);
    // complete: every value went out. Otherwise stopped, or the call refused a message or ended
    // (error says which).
    void ended(bool complete, const QString& error);

private:
    void tick();
    void finish(bool complete, const QString& error);

    QTimer* m_timer;
    QPointer<ConsoleCall> m_call;
    std::unique_ptr<od::rpc::NumberFiller> m_filler;
    std::vector<double> m_values;
    double m_perSecond = 1;
    QElapsedTimer m_clock;
    std::size_t m_sent = 0;
};
