#include "desktop/models/incidenttablemodel.h"

#include "core/csv/time_format.h"
#include "core/report/explain.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace {

constexpr double kNoNumber = -std::numeric_limits<double>::infinity(); // sorts below every number

// Points of the series shown on either side of an incident, at least.
constexpr std::size_t kMarginPoints = 20;

} // namespace

IncidentTableModel::IncidentTableModel(QObject* parent)
    : SelfSortingTableModel(ColumnCount, parent)
{ }

IncidentTableModel::~IncidentTableModel() = default;

void IncidentTableModel::setIncidents(const DatasetPtr& dataset, const DetectionsPtr& detections,
    std::shared_ptr<const SeriesIncidents> incidents, const NoteLookup& noteOf)
{
    beginResetModel();
    m_dataset = dataset;
    m_detections = detections;
    m_incidents = std::move(incidents);
    m_rows.clear();
    m_names.clear();
    const std::size_t n = dataset && detections && m_incidents
        ? std::min({ dataset->series.size(), detections->size(), m_incidents->size() })
        : 0;
    std::size_t total = 0;
    for (std::size_t s = 0; s < n; ++s)
        total += (*m_incidents)[s].size();
    m_rows.reserve(total);
    for (std::size_t s = 0; s < n; ++s) {
        m_names.push_back(QString::fromStdString(dataset->series[s].name));
        const auto& list = (*m_incidents)[s];
        for (std::size_t k = 0; k < list.size(); ++k) {
            Row row { static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(k), std::nullopt };
            if (noteOf)
                row.note = noteOf(s, list[k]);
            m_rows.push_back(std::move(row));
        }
    }
    resortRows();
    endResetModel();
}

void IncidentTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_names.clear();
    m_dataset.reset();
    m_detections.reset();
    m_incidents.reset();
    endResetModel();
}

void IncidentTableModel::setTimeDisplay(TimeDisplay display)
{
    if (display == m_timeDisplay)
        return;
    m_timeDisplay = display;
    if (!m_rows.empty())
        emit dataChanged(index(0, StartColumn), index(rowCount() - 1, StartColumn), { Qt::DisplayRole });
    emit headerDataChanged(Qt::Horizontal, StartColumn, StartColumn);
}

std::size_t IncidentTableModel::seriesOf(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).series;
}

const od::Incident& IncidentTableModel::incident(int row) const
{
    return incidentOf(m_rows.at(static_cast<std::size_t>(row)));
}

bool IncidentTableModel::isAcknowledged(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).note.has_value();
}

QString IncidentTableModel::note(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).note.value_or(QString());
}

void IncidentTableModel::setAcknowledged(int row, std::optional<QString> note)
{
    if (row < 0 || row >= rowCount())
        return;
    m_rows[static_cast<std::size_t>(row)].note = std::move(note);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

std::size_t IncidentTableModel::activeIncidents() const
{
    return std::size_t(std::count_if(m_rows.begin(), m_rows.end(), [](const Row& r) { return !r.note; }));
}

std::size_t IncidentTableModel::activePoints() const
{
    std::size_t points = 0;
    for (const Row& r : m_rows) {
        if (!r.note)
            points += incidentOf(r).points;
    }
    return points;
}

IncidentSpansPtr IncidentTableModel::spans() const
{
    auto spans = std::make_shared<std::vector<IncidentSpan>>();
    spans->reserve(m_rows.size());
    for (const Row& r : m_rows) {
        const auto from = start(r);
        const auto length = duration(r);
        if (from && length)
            spans->push_back({ r.series, *from, *from + *length, r.note.has_value() });
    }
    return spans;
}

std::pair<qint64, qint64> IncidentTableModel::viewRange(int row) const
{
    const Row& r = m_rows.at(static_cast<std::size_t>(row));
    const od::Incident& in = incidentOf(r);
    const std::vector<std::int64_t>& times = m_dataset->series[r.series].times;
    if (times.empty())
        return { 0, 0 };
    const std::size_t last = times.size() - 1;
    const std::size_t margin = std::max(kMarginPoints, (in.endIndex - in.startIndex) / 2);
    const std::size_t from = in.startIndex > margin ? in.startIndex - margin : 0;
    const std::size_t to = std::min(last, in.endIndex + margin);
    // Times may step backwards in a file; the range still covers the incident itself.
    std::int64_t lo = std::min({ times[std::min(from, last)], times[std::min(in.startIndex, last)] });
    std::int64_t hi = std::max({ times[to], times[std::min(in.endIndex, last)] });
    return { lo / 1'000'000, hi / 1'000'000 };
}

std::optional<std::int64_t> IncidentTableModel::start(const Row& row) const
{
    const od::Incident& in = incidentOf(row);
    if (in.startTime)
        return in.startTime;
    const auto& times = m_dataset->series[row.series].times;
    return in.startIndex < times.size() ? std::optional(times[in.startIndex]) : std::nullopt;
}

std::optional<std::int64_t> IncidentTableModel::duration(const Row& row) const
{
    const od::Incident& in = incidentOf(row);
    if (const auto d = in.durationNanos())
        return d;
    const auto& times = m_dataset->series[row.series].times;
    if (in.startIndex < times.size() && in.endIndex < times.size())
        return times[in.endIndex] - times[in.startIndex];
    return std::nullopt;
}

QString IncidentTableModel::reason(const Row& row) const
{
    // Why the detector flagged the peak, as the outliers table says it for that point.
    const od::Detection& d = (*m_detections)[row.series];
    const od::Incident& in = incidentOf(row);
    const auto it = std::lower_bound(d.indices.begin(), d.indices.end(), in.peakIndex);
    if (it == d.indices.end() || *it != in.peakIndex)
        return {};
    return QString::fromStdString(od::explainOutlier(d, std::size_t(it - d.indices.begin()), in.peakValue));
}

QVariant IncidentTableModel::sortKey(const Row& row, int column) const
{
    const od::Incident& in = incidentOf(row);
    switch (column) {
    case SeriesColumn:
        return m_names[row.series];
    case StartColumn:
        return qint64(start(row).value_or(std::numeric_limits<std::int64_t>::min()));
    case DurationColumn:
        return qint64(duration(row).value_or(-1));
    case PointsColumn:
        return qulonglong(in.points);
    case PeakValueColumn:
        return std::isnan(in.peakValue) ? kNoNumber : in.peakValue;
    case PeakScoreColumn:
        return std::isnan(in.peakScore) ? kNoNumber : in.peakScore;
    case ReasonColumn:
        return reason(row);
    case AcknowledgedColumn:
        return row.note.value_or(QString());
    }
    return {};
}

void IncidentTableModel::applySort()
{
    // Keys made once per row, as plain values: comparing QVariants (a conversion on each side of
    // every comparison) took 20 ms for the 36,000 incidents of a 30M-row series, on the GUI thread.
    const int column = m_sortColumn;
    if (column == SeriesColumn || column == ReasonColumn || column == AcknowledgedColumn)
        sortRowsByKey([&](const Row& r) { return sortKey(r, column).toString(); }, std::less<>());
    else if (column == StartColumn || column == DurationColumn)
        sortRowsByKey([&](const Row& r) { return sortKey(r, column).toLongLong(); }, std::less<>());
    else
        sortRowsByKey([&](const Row& r) { return sortKey(r, column).toDouble(); }, std::less<>());
}

QVariant IncidentTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const od::Incident& in = incidentOf(row);
    switch (role) {
    case SeriesIndexRole:
        return qulonglong(row.series);
    case IncidentIndexRole:
        return qulonglong(row.k);
    case AcknowledgedRole:
        return row.note.has_value();
    case SortRole:
        return sortKey(row, index.column());
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeriesColumn:
            return m_names[row.series];
        case StartColumn: {
            const auto t = start(row);
            return t ? formatTime(*t, m_timeDisplay) : QString();
        }
        case DurationColumn: {
            const auto d = duration(row);
            return d ? QString::fromStdString(od::formatDuration(*d)) : QString();
        }
        case PointsColumn:
            return QString::number(in.points);
        case PeakValueColumn:
            return QString::number(in.peakValue, 'g', 10);
        case PeakScoreColumn:
            return std::isnan(in.peakScore) ? QString() : QString::number(in.peakScore, 'f', 2);
        case ReasonColumn:
            return reason(row);
        case AcknowledgedColumn:
            // An acknowledgement without a note still has to read as one, on screen and in CSV.
            return !row.note ? QString() : row.note->isEmpty() ? tr("yes") : *row.note;
        }
        break;
    case Qt::ForegroundRole:
        // Seen to, so out of the way: still there, in the colour of disabled text.
        if (row.note)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= DurationColumn && index.column() <= PeakScoreColumn)
            return numberAlignment();
        break;
    case Qt::ToolTipRole:
        // The whole sentence, however narrow the column: the cell may show only part of it.
        if (index.column() == ReasonColumn)
            return reason(row);
        if (row.note)
            return row.note->isEmpty() ? tr("Acknowledged") : tr("Acknowledged: %1").arg(*row.note);
        if (index.column() == PeakScoreColumn && std::isnan(in.peakScore))
            return tr("The remote detector gives no score");
        return reason(row);
    }
    return {};
}

QString IncidentTableModel::headerText(int column) const
{
    switch (column) {
    case SeriesColumn:
        return tr("Series");
    case StartColumn:
        return m_timeDisplay == TimeDisplay::Utc ? tr("Start (UTC)") : tr("Start (local)");
    case DurationColumn:
        return tr("Duration");
    case PointsColumn:
        return tr("Points");
    case PeakValueColumn:
        return tr("Peak value");
    case PeakScoreColumn:
        return tr("Peak score");
    case ReasonColumn:
        return tr("Why (at the peak)");
    case AcknowledgedColumn:
        return tr("Acknowledged");
    }
    return {};
}
