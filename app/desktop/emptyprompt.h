#pragma once
// What the chart area shows before any file is open: a line saying so and two buttons, one to
// open a file and one to open the sample that ships with the app, so a first look needs no
// file of one's own. It floats over the middle of the widget it is given and follows its size.

#include <QWidget>

class QAction;

class EmptyPrompt : public QWidget
{
    Q_OBJECT
public:
    // Shown over `over` (its parent) at once; the buttons trigger the actions.
    EmptyPrompt(QWidget* over, QAction* open, QAction* openSample);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();
};
