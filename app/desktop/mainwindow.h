#pragma once
// The main window: builds the chart area, the tables, the docks, the menus (WindowMenus) and
// the status bar, and wires them to the session (what is shown and the jobs that change it). It decides nothing
// about data itself; it words what the session reports.

#include "chart/dataset.h"
#include "chart/detections.h"

#include <QMainWindow>

class ChartArea;
class ChannelProvider;
class ConnectionDock;
class DetectorPanel;
class EmptyPrompt;
class ExportActions;
class FollowIncidents;
class IncidentNotice;
class IncidentsPanel;
class MetricChartView;
class OutlierTableModel;
class OutlierView;
class ProgressPanel;
class RecentFiles;
class SeriesListModel;
class Session;
class StatusReport;
class StreamingPanes;
class ViewOptions;
class WindowMenus;
class QAbstractItemModel;
class QModelIndex;
class QTimer;
struct DetectionOutcome;
namespace od {
struct Error;
} // namespace od

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    // Saves window and detector settings.
    ~MainWindow() override;

    DetectorPanel* detectorPanel() const { return m_detectorPanel; }
    // The chart of every series; while View > Stacked Charts is on, chartArea() shows one per series.
    MetricChartView* chartView() const;
    ChartArea* chartArea() const { return m_chartArea; }
    OutlierTableModel* outlierModel() const { return m_outlierModel; }
    SeriesListModel* seriesModel() const { return m_seriesModel; }
    StreamingPanes* streamingPanes() const { return m_streamingPanes; }
    ConnectionDock* connectionDock() const { return m_connectionDock; }
    ViewOptions* viewOptions() const { return m_viewOptions; }
    IncidentsPanel* incidentsPanel() const { return m_incidents; }
    FollowIncidents* followIncidents() const { return m_followIncidents; }
    // What the table shows, in the order it shows it.
    QAbstractItemModel* outlierTable() const;
    DatasetPtr dataset() const;
    QString statusText() const;

public slots:
    // Loads files in the background and replaces the shown data once every file was read; on
    // failure the data shown before stays. File > Open ends here.
    void openFiles(const QStringList& files);
    void detectNow();
    void cancelTasks();
    // Reads path and then keeps reading the rows appended to it (File > Follow Changes);
    // opening other files stops it.
    void followFile(const QString& path);
    void stopFollowing();

signals:
    void loadFinished(bool ok);
    void detectionFinished(bool ok);

private:
    void copySelectedOutliers();
    void openFileDialog();
    void openSample();
    void onLoaded(const DatasetPtr& dataset);
    void onLoadFailed(const od::Error& error);
    void onAppended(const DatasetPtr& dataset, std::size_t rows);
    void onDetectionFinished(const DetectionOutcome& outcome);
    // The chart's part of a detection's hand-over, after the tables' (see onDetectionFinished).
    void showDetectionOnChart();
    void showMessage(const QString& text, const QString& detail = {}, bool isError = false);
    void updateProgress();
    void readSettings();
    void writeSettings() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    ChannelProvider* m_channels; // one channel per endpoint and settings, for detection and panes
    DetectorPanel* m_detectorPanel;
    Session* m_session;
    ChartArea* m_chartArea;
    SeriesListModel* m_seriesModel;
    StreamingPanes* m_streamingPanes = nullptr;
    ConnectionDock* m_connectionDock = nullptr;
    OutlierTableModel* m_outlierModel;
    IncidentsPanel* m_incidents;
    FollowIncidents* m_followIncidents; // new incidents in a followed file, as they happen
    IncidentNotice* m_notice;
    QString m_runText; // how the incidents shown were found: "by local zscore k=2 in 3 ms"
    // A zero timer (a real one: QTimer::singleShot(0) posts a call instead) that gives the chart
    // the detection the tables took, and what it is to give.
    QTimer* m_chartHandOver;
    DetectionsPtr m_chartDetections;
    QString m_chartBandText;
    OutlierView* m_outlierView;
    ProgressPanel* m_progress;
    StatusReport* m_status = nullptr;
    ViewOptions* m_viewOptions;
    RecentFiles* m_recentFiles = nullptr;
    ExportActions* m_exports = nullptr; // File > Export Outliers, Incidents, Chart
    WindowMenus* m_menus = nullptr;
    EmptyPrompt* m_emptyPrompt = nullptr; // over the chart until a file is open
    QString m_lastDirectory;
};
