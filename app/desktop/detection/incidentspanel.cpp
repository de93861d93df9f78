#include "desktop/detection/incidentspanel.h"

#include "chart/wholefile.h"
#include "desktop/models/incidenttablemodel.h"
#include "desktop/models/tabletext.h"

#include "core/report/incidents.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <set>
#include <span>

namespace {

// "1,234 flagged points", digits grouped as the status bar's other counts are.
QString countOf(std::size_t n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(qulonglong(n)), n == 1 ? one : many);
}

} // namespace

IncidentsPanel::IncidentsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new IncidentTableModel(this))
    , m_view(new QTableView(this))
    , m_acknowledge(new QAction(tr("&Acknowledge Incident..."), this))
    , m_unacknowledge(new QAction(tr("&Un-acknowledge Incident"), this))
{
    setObjectName(QStringLiteral("incidentsPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_view->setObjectName(QStringLiteral("incidentView"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IncidentTableModel::StartColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Sized to their content's usual width: the Why and the note need the room that is left.
    m_view->setColumnWidth(IncidentTableModel::SeriesColumn, 110);
    m_view->setColumnWidth(IncidentTableModel::StartColumn, 160);
    m_view->setColumnWidth(IncidentTableModel::DurationColumn, 64);
    m_view->setColumnWidth(IncidentTableModel::PointsColumn, 48);
    m_view->setColumnWidth(IncidentTableModel::PeakValueColumn, 76);
    m_view->setColumnWidth(IncidentTableModel::PeakScoreColumn, 72);
    m_view->setColumnWidth(IncidentTableModel::ReasonColumn, 340);
    // What one reads first, the Why, right after where and when (on screen only: copies and
    // exports keep the model's order).
    m_view->horizontalHeader()->moveSection(
        m_view->horizontalHeader()->visualIndex(IncidentTableModel::ReasonColumn), IncidentTableModel::StartColumn + 1);
    // The Why is a sentence (up to ~150 characters for alarm): it wraps, and each row grows to
    // hold all of it rather than end in "...". Fitting a row lays out the text of each of its
    // cells, about 35 us a row: a result of a thousand incidents took 40 ms to fit at once, all
    // of it a stall of the window. So only the rows on screen are fitted, as they come into view
    // (a reset, a sort, a scroll, a resize); the others keep two lines until then.
    m_view->setWordWrap(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->setDefaultSectionSize(2 * m_view->fontMetrics().lineSpacing() + 8);
    m_view->viewport()->installEventFilter(this);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IncidentsPanel::fitVisibleRows);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &IncidentsPanel::fitVisibleRows);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &IncidentsPanel::fitVisibleRows);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &IncidentsPanel::fitVisibleRows);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column == IncidentTableModel::ReasonColumn || column == IncidentTableModel::AcknowledgedColumn)
            fitVisibleRows();
    });

    m_acknowledge->setObjectName(QStringLiteral("acknowledgeAction"));
    m_acknowledge->setShortcut(QKeySequence(tr("Ctrl+K")));
    m_acknowledge->setStatusTip(tr("Mark the selected incidents as seen to, with a note; they leave the counts"));
    m_unacknowledge->setObjectName(QStringLiteral("unacknowledgeAction"));
    m_unacknowledge->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
    m_unacknowledge->setStatusTip(tr("Count the selected incidents again"));
    connect(m_acknowledge, &QAction::triggered, this, &IncidentsPanel::askForNote);
    connect(m_unacknowledge, &QAction::triggered, this, [this] { unacknowledge(selectedRows()); });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_acknowledge);
    m_view->addAction(m_unacknowledge);

    connect(m_view, &QTableView::clicked, this, &IncidentsPanel::showRow);
    connect(m_view, &QTableView::activated, this, &IncidentsPanel::showRow);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &IncidentsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IncidentsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &IncidentsPanel::updateActions);
    updateActions();
}

bool IncidentsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitVisibleRows();
    return QWidget::eventFilter(watched, event);
}

void IncidentsPanel::fitVisibleRows()
{
    if (m_fitting)
        return;
    m_fitting = true;
    const int rows = m_model->rowCount();
    const int height = m_view->viewport()->height();
    for (int r = std::max(0, m_view->rowAt(0)); r < rows && m_view->rowViewportPosition(r) < height; ++r)
        m_view->resizeRowToContents(r);
    m_fitting = false;
}

QString IncidentsPanel::fileKey() const
{
    return m_model->dataset() ? Acknowledgements::fileKey(m_model->dataset()->files) : QString();
}

void IncidentsPanel::setResult(const DatasetPtr& dataset, const DetectionsPtr& detections,
    const SeriesIncidentsPtr& incidents, const QString& method)
{
    m_method = method;
    const QString file = dataset ? Acknowledgements::fileKey(dataset->files) : QString();
    // Looked up per incident (a big file has a hundred thousand): the names are made once, and
    // a file with nothing acknowledged has nothing to look up.
    const bool anyRemembered = m_acknowledgements.hasFile(file);
    std::vector<QString> names;
    if (dataset && anyRemembered) {
        for (const od::Series& series : dataset->series)
            names.push_back(QString::fromStdString(series.name));
    }
    IncidentTableModel::NoteLookup noteOf;
    if (anyRemembered) {
        noteOf = [&](std::size_t s, const od::Incident& in) {
            return in.startTime ? m_acknowledgements.note(file, names[s], *in.startTime) : std::nullopt;
        };
    }
    m_model->setIncidents(dataset, detections, incidents, noteOf);
    emit incidentsChanged(m_model->spans());
}

void IncidentsPanel::clear()
{
    m_model->clear();
    m_method.clear();
    emit incidentsChanged(nullptr);
}

void IncidentsPanel::setTimeDisplay(TimeDisplay display)
{
    m_model->setTimeDisplay(display);
}

QString IncidentsPanel::countsText() const
{
    const std::size_t all = std::size_t(m_model->rowCount());
    const std::size_t active = m_model->activeIncidents();
    QString text = tr("%1, %2").arg(countOf(active, tr("incident"), tr("incidents")),
        countOf(m_model->activePoints(), tr("flagged point"), tr("flagged points")));
    if (all > active)
        text += tr(" (%1 acknowledged)").arg(all - active);
    return text;
}

std::vector<int> IncidentsPanel::selectedRows() const
{
    std::set<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
        rows.insert(i.row());
    return { rows.begin(), rows.end() };
}

void IncidentsPanel::updateActions()
{
    bool anyOpen = false, anyAcknowledged = false;
    for (const int r : selectedRows()) {
        (m_model->isAcknowledged(r) ? anyAcknowledged : anyOpen) = true;
    }
    m_acknowledge->setEnabled(anyOpen);
    m_unacknowledge->setEnabled(anyAcknowledged);
}

std::vector<Acknowledgements::Entry> IncidentsPanel::entriesOf(const std::vector<int>& rows) const
{
    std::vector<Acknowledgements::Entry> entries;
    const QString file = fileKey();
    for (const int r : rows) {
        if (r < 0 || r >= m_model->rowCount())
            continue;
        const auto& series = m_model->dataset()->series[m_model->seriesOf(r)];
        const od::Incident& in = m_model->incident(r);
        // A series without times has nothing to remember an incident by.
        if (in.startTime && in.endTime)
            entries.push_back({ file, QString::fromStdString(series.name), *in.startTime, *in.endTime, QString() });
    }
    return entries;
}

void IncidentsPanel::applyAcknowledgements()
{
    const QString file = fileKey();
    // Names made once per series, not once per row (see setResult).
    std::vector<QString> names;
    if (m_model->rowCount() > 0) {
        for (const od::Series& series : m_model->dataset()->series)
            names.push_back(QString::fromStdString(series.name));
    }
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const od::Incident& in = m_model->incident(r);
        std::optional<QString> note;
        if (in.startTime)
            note = m_acknowledgements.note(file, names[m_model->seriesOf(r)], *in.startTime);
        std::optional<QString> shown;
        if (m_model->isAcknowledged(r))
            shown = m_model->note(r);
        if (note != shown)
            m_model->setAcknowledged(r, note);
    }
    emit incidentsChanged(m_model->spans());
}

void IncidentsPanel::askForNote()
{
    // The rows may move or go (a followed file's new detection) while the dialog is open: the
    // incidents are remembered by what identifies them, not by row.
    const std::vector<Acknowledgements::Entry> picked = entriesOf(selectedRows());
    if (picked.empty())
        return;
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("acknowledgeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Acknowledge Incident"));
    dialog->setLabelText(picked.size() == 1
            ? tr("Why does the incident at %1 in %2 need no action?")
                  .arg(formatTime(picked.front().startNs, m_model->timeDisplay()), picked.front().series)
            : tr("Why do these %1 incidents need no action?").arg(picked.size()));
    dialog->setTextValue(QString());
    dialog->setOkButtonText(tr("Acknowledge"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, picked](const QString& note) {
        for (Acknowledgements::Entry e : picked) {
            e.note = note.trimmed();
            m_acknowledgements.acknowledge(e);
        }
        applyAcknowledgements();
    });
    dialog->open(); // window-modal, without a nested event loop
}

void IncidentsPanel::acknowledge(const std::vector<int>& rows, const QString& note)
{
    for (Acknowledgements::Entry e : entriesOf(rows)) {
        e.note = note.trimmed();
        m_acknowledgements.acknowledge(e);
    }
    applyAcknowledgements();
}

void IncidentsPanel::unacknowledge(const std::vector<int>& rows)
{
    for (const Acknowledgements::Entry& e : entriesOf(rows))
        m_acknowledgements.unacknowledge(e.file, e.series, e.startNs);
    applyAcknowledgements();
}

void IncidentsPanel::showRow(const QModelIndex& index)
{
    if (!index.isValid() || !m_model->dataset())
        return;
    const auto [from, to] = m_model->viewRange(index.row());
    emit viewRangeRequested(from, to);
    emit incidentPicked(m_model->seriesOf(index.row()), m_model->incident(index.row()).peakIndex, from, to);
}

QString IncidentsPanel::selectionAsText() const
{
    return rowsAsTsv(*m_model, m_view->selectionModel()->selectedRows());
}

bool IncidentsPanel::exportCsv(const QString& path, QString* error) const
{
    QString text;
    if (const DatasetPtr& dataset = m_model->dataset()) {
        text += QStringLiteral("# incidents of %1\n").arg(dataset->files.join(QStringLiteral(", ")));
        text += QStringLiteral("# method: %1\n").arg(m_method);
        const std::span<const std::int64_t> times
            = dataset->series.empty() ? std::span<const std::int64_t>() : dataset->series.front().times;
        text += QStringLiteral("# grouping: flags at most %1 points apart join one incident\n")
                    .arg(od::defaultIncidentRule(times).gapPoints);
    }
    text += rowsAsCsv(*m_model);
    QString why;
    if (!writeFileWhole(path, text.toUtf8(), &why)) {
        if (error)
            *error = why;
        return false;
    }
    return true;
}
