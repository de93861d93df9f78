#pragma once
// The Incidents table beside the outliers: one row per incident, sortable; a click shows the
// incident on the chart with some of the series around it. Acknowledge... (context menu, Edit
// menu, Ctrl+K) asks for a note and greys the incident out of the counts; Un-acknowledge
// (Ctrl+Shift+K) takes it back. Acknowledgements are remembered per file, series and span.

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/seriesincidents.h"
#include "chart/timedisplay.h"
#include "desktop/detection/acknowledgements.h"

#include <QWidget>

#include <vector>

class IncidentTableModel;
class QAction;
class QTableView;

class IncidentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit IncidentsPanel(QWidget* parent = nullptr);

    IncidentTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QAction* acknowledgeAction() const { return m_acknowledge; }
    QAction* unacknowledgeAction() const { return m_unacknowledge; }

    // Shows the incidents of detections on dataset, as groupSeriesIncidents() grouped them,
    // acknowledged ones as remembered. method says how they were found, for exports ("local
    // zscore k=2").
    void setResult(const DatasetPtr& dataset, const DetectionsPtr& detections, const SeriesIncidentsPtr& incidents,
        const QString& method);
    void clear();
    void setTimeDisplay(TimeDisplay display);

    // How the incidents shown were found ("local zscore k=2"); empty when none are shown.
    QString method() const { return m_method; }
    // "3 incidents, 41 flagged points", acknowledged ones left out (and counted after them).
    QString countsText() const;

    // The rows selected in the table, ascending.
    std::vector<int> selectedRows() const;
    // Acknowledges the rows' incidents with note (which may be empty), or takes it back.
    void acknowledge(const std::vector<int>& rows, const QString& note);
    void unacknowledge(const std::vector<int>& rows);
    // The selected rows (every row when none is), tab-separated with the header, as copied.
    QString selectionAsText() const;
    // Writes every incident as CSV: first lines "# " naming the files, the method and its
    // parameters and the grouping rule, then the table's header and rows. Through writeFileWhole:
    // the file is replaced only once written whole. On failure says why in *error.
    bool exportCsv(const QString& path, QString* error) const;

signals:
    // A row was picked: show [fromMs, toMs] (UTC milliseconds).
    void viewRangeRequested(qint64 fromMs, qint64 toMs);
    // The same pick, with the incident's series and its peak (index into the series).
    void incidentPicked(std::size_t series, std::size_t peakIndex, qint64 fromMs, qint64 toMs);
    // Incidents were shown, acknowledged or taken back: the spans and the counts changed.
    void incidentsChanged(const IncidentSpansPtr& spans);

protected:
    // The table's viewport grew or shrank: rows that came into view are fitted.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Fits the rows on screen to their text (see the constructor).
    void fitVisibleRows();
    void askForNote();
    // What identifies the rows' incidents (those with times), for remembering them.
    std::vector<Acknowledgements::Entry> entriesOf(const std::vector<int>& rows) const;
    // Shows every row as acknowledged or not as remembered; the spans and counts follow.
    void applyAcknowledgements();
    void showRow(const QModelIndex& index);
    void updateActions();
    QString fileKey() const;

    IncidentTableModel* m_model;
    QTableView* m_view;
    QAction* m_acknowledge;
    QAction* m_unacknowledge;
    Acknowledgements m_acknowledgements;
    QString m_method;
    bool m_fitting = false; // fitting rows moves the scroll bar, which asks to fit again
};
