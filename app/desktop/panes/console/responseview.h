#pragma once
// A call's responses as they arrive, each one line of JSON after its time offset, as plain
// text in a list (select lines and Ctrl+C copies them): picked up from the inbox once a frame
// (about 25 a second), keeping the last historyLines and saying how many were dropped from
// view, with the count and the rate.

#include "desktop/panes/console/responseinbox.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QListView;
class QTimer;
class ResponseLinesModel;

class ResponseView : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseView(int historyLines, QWidget* parent = nullptr);

    // A fresh inbox for a new call: clears the view and the counts. The call's callbacks push
    // into the returned inbox.
    std::shared_ptr<ResponseInbox> begin();
    // Picks up what is waiting now and stops the rate (the call is over).
    void end();
    // Sees every response picked up, in order, including those the history has no room for.
    void setObserver(std::function<void(const std::vector<ResponseInbox::Response>&)> observer)
    {
        m_observer = std::move(observer);
    }
    // A line that is not a response (headers, the final status), shown in the history.
    void note(const QString& text);

    // Responses received so far (picked up from the inbox), and how many of them are no longer
    // in view: all but the last historyLines.
    std::size_t received() const { return m_received; }
    std::size_t dropped() const
    {
        return m_received > std::size_t(m_historyLines) ? m_received - std::size_t(m_historyLines) : 0;
    }
    // The lines in view, oldest first.
    QStringList lines() const;
    QListView* list() const { return m_list; }

private:
    void drain();
    void updateSummary();
    void copySelection();

    const int m_historyLines;
    ResponseLinesModel* m_model;
    QListView* m_list;
    QLabel* m_summary;
    QTimer* m_timer;
    std::shared_ptr<ResponseInbox> m_inbox;
    std::vector<ResponseInbox::Response> m_batch;
    std::function<void(const std::vector<ResponseInbox::Response>&)> m_observer;
    std::size_t m_received = 0;
    QElapsedTimer m_clock;
    double m_lastOffsetMs = 0;
    bool m_running = false;
};
