#include "chart/navigation/chartgestures.h"

#include "chart/navigation/chartnavigation.h"

#include <QAbstractScrollArea>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

ChartGestures::ChartGestures(ChartNavigation* chart, QAbstractScrollArea* view)
    : QObject(view)
    , m_chart(chart)
    , m_view(view)
    , m_viewport(view->viewport())
{
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
}

bool ChartGestures::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view) {
        // Esc clears a span before any window shortcut on Esc (cancel) takes it.
        if (event->type() == QEvent::ShortcutOverride && m_chart->hasSpan()
            && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            event->accept();
            return true;
        }
        return event->type() == QEvent::KeyPress && key(static_cast<QKeyEvent*>(event));
    }
    if (watched != m_viewport)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        return press(static_cast<QMouseEvent*>(event));
    case QEvent::MouseMove:
        return drag(static_cast<QMouseEvent*>(event));
    case QEvent::MouseButtonRelease:
        return release(static_cast<QMouseEvent*>(event));
    case QEvent::Wheel:
        return wheel(static_cast<QWheelEvent*>(event));
    default:
        return false;
    }
}

bool ChartGestures::press(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_chart->hasData() || !m_chart->plotArea().contains(event->position()))
        return false;
    m_pressPos = event->position().toPoint();
    m_pressRange = m_chart->viewRange();
    // Ctrl, not Alt: many Linux desktops take Alt+drag to move the window.
    const bool span = event->modifiers() & Qt::ControlModifier;
    if (span || event->modifiers() & Qt::ShiftModifier) {
        m_drag = span ? Drag::Span : Drag::Zoom;
        if (!m_band)
            m_band = new QRubberBand(QRubberBand::Rectangle, m_view->viewport());
        m_band->setGeometry(QRect(m_pressPos, QSize()));
        m_band->show();
    } else {
        m_drag = Drag::Pan;
        m_view->viewport()->setCursor(Qt::ClosedHandCursor);
    }
    event->accept();
    return true;
}

bool ChartGestures::drag(QMouseEvent* event)
{
    if (m_drag == Drag::Pan) {
        const double dx = event->position().x() - m_pressPos.x();
        const double span = double(m_pressRange.second - m_pressRange.first);
        const qint64 shift = qint64(-dx / std::max(1, m_chart->plotWidth()) * span);
        m_chart->setViewRange(m_pressRange.first + shift, m_pressRange.second + shift);
        return true;
    }
    if (m_drag == Drag::Zoom || m_drag == Drag::Span) {
        const QRectF plot = m_chart->plotArea();
        m_band->setGeometry(
            QRect(QPoint(m_pressPos.x(), int(plot.top())), QPoint(event->position().toPoint().x(), int(plot.bottom())))
                .normalized());
        return true;
    }
    return false;
}

bool ChartGestures::release(QMouseEvent* event)
{
    if (m_drag == Drag::None)
        return false;
    if (m_drag == Drag::Zoom || m_drag == Drag::Span) {
        m_band->hide();
        const qint64 a = m_chart->timeAt(m_pressPos), b = m_chart->timeAt(event->position());
        if (std::abs(event->position().x() - m_pressPos.x()) > 4) {
            if (m_drag == Drag::Zoom)
                m_chart->setViewRange(std::min(a, b), std::max(a, b));
            else
                m_chart->selectSpan(std::min(a, b), std::max(a, b));
        }
    }
    m_drag = Drag::None;
    m_view->viewport()->unsetCursor();
    return true;
}

bool ChartGestures::wheel(QWheelEvent* event)
{
    // Every wheel event is taken, so the view never scrolls.
    if (!m_chart->hasData())
        return true;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        m_chart->zoom(std::pow(1.25, steps), m_chart->timeAt(event->position()));
    event->accept();
    return true;
}

bool ChartGestures::key(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_chart->zoom(1.5, -1);
        return true;
    case Qt::Key_Minus:
        m_chart->zoom(1 / 1.5, -1);
        return true;
    case Qt::Key_Left:
        m_chart->pan(-0.2);
        return true;
    case Qt::Key_Right:
        m_chart->pan(0.2);
        return true;
    case Qt::Key_Home:
    case Qt::Key_0:
        m_chart->resetZoom();
        return true;
    case Qt::Key_Escape:
        if (!m_chart->hasSpan())
            return false;
        m_chart->clearSpan();
        return true;
    default:
        return false;
    }
}
