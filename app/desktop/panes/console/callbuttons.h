#pragma once
// The console's row of call buttons: Call, Send, Half-close, Cancel and Copy as Command, each
// enabled only when it can do something.

#include <QWidget>

class QPushButton;

class CallButtons : public QWidget
{
    Q_OBJECT
public:
    explicit CallButtons(QWidget* parent = nullptr);

    struct State
    {
        bool picked = false; // a method is selected
        bool calling = false; // a call is open
        bool streamOpen = false; // ... and takes messages from this side
        bool streaming = false; // a series is being sent on it
        bool discovering = false;
    };
    void setState(const State& state);

signals:
    void startClicked();
    void sendClicked();
    void halfCloseClicked();
    void cancelClicked();
    void copyClicked();

private:
    QPushButton* m_start;
    QPushButton* m_send;
    QPushButton* m_halfClose;
    QPushButton* m_cancel;
    QPushButton* m_copy;
};
