#pragma once
// The status bar's "something is running" corner: what runs, how far it got, and Cancel.

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

class ProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget* parent = nullptr);
    ~ProgressPanel() override;

    // maximum 0 shows a busy indicator.
    void showTask(const QString& text, int value, int maximum);
    void finishTask();

signals:
    void cancelRequested();

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancelButton;
};
