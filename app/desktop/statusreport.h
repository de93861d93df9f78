#pragma once
// What the status bar says: a message on the left (one sentence; errors stand out; the detail,
// such as every skipped row's place or a gRPC status, one click away under Details...), and on
// the right what is shown: the data read, the rows the reader skipped (a button that lists
// them), the last detection and the file being followed. The window's progress panel sits
// among them.

#include "chart/dataset.h"
#include "desktop/connection/unreachablewatch.h"

#include <QObject>
#include <QString>

class QLabel;
class QMainWindow;
class QToolButton;
class QWidget;

class StatusReport : public QObject
{
    Q_OBJECT
public:
    // Fills window's status bar, with progress (made by the window) among its permanent widgets.
    StatusReport(QMainWindow* window, QWidget* progress);

    // detail: what Details... shows (none when it says no more than text).
    void showMessage(const QString& text, const QString& detail = {}, bool isError = false);
    QString messageText() const;
    // An error saying that endpoint could not be reached: shown as showMessage() does, and
    // replaced once channelStateChanged() says the channel to endpoint is ready, so that a red
    // "Cannot reach" never stays beside a channel that works. Any other message ends the watch.
    void showUnreachable(const QString& endpoint, const QString& text, const QString& detail);
    void channelStateChanged(const QString& endpoint, const QString& state);

    void setDataText(const QString& text);
    void setDetectText(const QString& text);
    // The skipped-rows button for what is shown now (hidden when nothing was skipped).
    void setDataset(const DatasetPtr& dataset);
    // "Following name" (empty: not following).
    void setFollowing(const QString& fileName);

private:
    void showMessageDetail();
    void showSkippedRows();
    void showReport(const QString& text, const QString& detail);

    QMainWindow* m_window;
    QLabel* m_messageLabel = nullptr;
    QToolButton* m_detailButton = nullptr; // shown when the message has more to say
    QString m_messageDetail;
    UnreachableWatch m_unreachable; // the endpoint the error shown is about, if it is such an error
    QLabel* m_dataLabel = nullptr;
    QToolButton* m_skippedButton = nullptr;
    QLabel* m_detectLabel = nullptr;
    QLabel* m_followLabel = nullptr;
    DatasetPtr m_dataset;
};
