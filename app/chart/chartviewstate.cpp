#include "chart/chartviewstate.h"

QString timeAlignmentToString(TimeAlignment alignment)
{
    return alignment == TimeAlignment::FileStart ? QStringLiteral("file-start") : QStringLiteral("absolute");
}

TimeAlignment timeAlignmentFromString(const QString& text)
{
    return text == QLatin1String("file-start") ? TimeAlignment::FileStart : TimeAlignment::Absolute;
}

ChartViewState::ChartViewState(QObject* parent)
    : QObject(parent)
{ }

void ChartViewState::resetForNewData()
{
    m_shown.clear();
    m_bandSeries.reset();
    m_highlight.reset();
    m_viewRange = { 0, 0 };
    m_zoomed = false;
    const bool hadSpan = m_span.has_value();
    m_span.reset();
    emit bandChanged();
    if (hadSpan)
        emit spanChanged();
}

void ChartViewState::setShown(std::size_t series, bool shown)
{
    if (isShown(series) == shown)
        return;
    if (series >= m_shown.size())
        m_shown.resize(series + 1, true);
    m_shown[series] = shown;
    emit shownChanged(series, shown);
}

void ChartViewState::setBandSeries(std::optional<std::size_t> series)
{
    if (series == m_bandSeries)
        return;
    m_bandSeries = series;
    emit bandChanged();
}

void ChartViewState::setBandText(const QString& text)
{
    if (text == m_bandText)
        return;
    m_bandText = text;
    emit bandChanged();
}

void ChartViewState::setHighlight(std::optional<PointRef> point)
{
    if (point == m_highlight)
        return;
    m_highlight = point;
    emit bandChanged();
}

void ChartViewState::setViewRange(std::pair<qint64, qint64> range, bool zoomed)
{
    m_viewRange = range;
    m_zoomed = zoomed;
}

void ChartViewState::setValueScale(ValueScale scale)
{
    if (scale == m_scale)
        return;
    m_scale = scale;
    emit valueScaleChanged(scale);
}

void ChartViewState::setAlignment(TimeAlignment alignment)
{
    if (alignment == m_alignment)
        return;
    m_alignment = alignment;
    // The view range and any span count time differently now.
    m_zoomed = false;
    m_span.reset();
    emit alignmentChanged(alignment);
    emit spanChanged();
}

void ChartViewState::setSpan(std::optional<std::pair<qint64, qint64>> span)
{
    if (span == m_span)
        return;
    m_span = span;
    emit spanChanged();
}
