#pragma once
// The chart's navigation gestures, as one event filter on a chart view: the wheel zooms around
// the cursor (a notch shows a quarter less or more of time, the instant under the cursor stays
// under it); a left drag in the plot pans (the data follows the cursor); Shift+drag zooms to
// the dragged span (a band follows the cursor across the plot's height; a drag of a few pixels
// is a click and changes nothing); Ctrl+drag selects the dragged span for its statistics the
// same way, and Esc clears it; + (or =) and - zoom around the centre, Left and Right pan by a
// fifth of the view, Home and 0 show everything. Other events go on to the view.

#include <QObject>
#include <QPoint>

#include <utility>

class ChartNavigation;
class QAbstractScrollArea;
class QKeyEvent;
class QMouseEvent;
class QRubberBand;
class QWheelEvent;

class ChartGestures : public QObject
{
    Q_OBJECT
public:
    // Watches view (for keys, as it has the focus) and its viewport (for the mouse and the
    // wheel), and moves chart, which is what view shows. A child of view.
    ChartGestures(ChartNavigation* chart, QAbstractScrollArea* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool press(QMouseEvent* event);
    bool drag(QMouseEvent* event);
    bool release(QMouseEvent* event);
    bool wheel(QWheelEvent* event);
    bool key(QKeyEvent* event);

    ChartNavigation* m_chart;
    QAbstractScrollArea* m_view;
    // view's viewport, kept to tell its events apart: the viewport still sends events while
    // ~QAbstractScrollArea has already run (the view is only a QWidget then), when calling
    // m_view->viewport() is undefined behaviour (UBSan's vptr check stopped every chart test).
    const QObject* m_viewport;
    QRubberBand* m_band = nullptr; // made on the first Shift+ or Ctrl+drag
    enum class Drag { None, Pan, Zoom, Span } m_drag = Drag::None;
    QPoint m_pressPos;
    std::pair<qint64, qint64> m_pressRange; // the view range when the drag began
};
