#pragma once
// The main window: wires the loader, the detection runner, the chart, the table and the
// detector panel together, and reports in the status bar. It decides nothing about data itself.

#include "chart/dataset.h"
#include "chart/detections.h"

#include <QMainWindow>
#include <QTimer>

#include <vector>

class ChartArea;
class ChannelProvider;
class ConnectionDock;
class DetectionRunner;
class DetectorPanel;
class FileFollower;
class FileLoader;
class QAction;
class MetricChartView;
class OutlierTableModel;
class ProgressPanel;
class SeriesListModel;
class StreamingPanes;
class ViewOptions;
class QAbstractItemModel;
class QLabel;
class QToolButton;
class QMenu;
class QModelIndex;
class QTableView;
struct DetectionOutcome;
struct DetectorChoice;
namespace od {
struct Error;
struct Detection;
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
    // What the table shows, in the order it shows it.
    QAbstractItemModel* outlierTable() const;
    DatasetPtr dataset() const { return m_dataset; }
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
    void createActions();
    void showOutlierInChart(const QModelIndex& index);
    void copySelectedOutliers();
    void exportOutliers();
    void exportChart();
    void findSeries();
    void rememberRecent(const QStringList& files);
    void updateRecentMenu();
    void openFileDialog();
    void onLoaded(const DatasetPtr& dataset);
    void onLoadFailed(const od::Error& error);
    void onAppended(const DatasetPtr& dataset, std::size_t rows);
    void onDetectionFinished(const DetectionOutcome& outcome);
    void showMessage(const QString& text, const QString& detail = {}, bool isError = false);
    void showMessageDetail();
    void showSkippedRows();
    void showReport(const QString& text, const QString& detail);
    void updateSkipped();
    void updateProgress();
    void readSettings();
    void writeSettings() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    FileLoader* m_loader;
    FileFollower* m_follower;
    QAction* m_followAction = nullptr;
    QLabel* m_followLabel = nullptr;
    QTimer m_followDetect; // debounces detection of appended rows
    bool m_detectWhenDone = false; // rows arrived during a detection: judge again after it
    DetectionsPtr m_detections; // the last detection shown
    ChannelProvider* m_channels; // one channel per endpoint and settings, for detection and panes
    DetectionRunner* m_runner;
    DetectorPanel* m_detectorPanel;
    ChartArea* m_chartArea;
    SeriesListModel* m_seriesModel;
    StreamingPanes* m_streamingPanes = nullptr;
    ConnectionDock* m_connectionDock = nullptr;
    OutlierTableModel* m_outlierModel;
    QTableView* m_outlierView;
    QLabel* m_messageLabel;
    QToolButton* m_detailButton = nullptr; // shown when the message has more to say
    QString m_messageDetail;
    QToolButton* m_skippedButton = nullptr;
    QLabel* m_dataLabel;
    QLabel* m_detectLabel;
    ProgressPanel* m_progress;
    ViewOptions* m_viewOptions;
    QMenu* m_recentMenu = nullptr;
    QStringList m_recentFiles;
    DatasetPtr m_dataset;
    bool m_hasDetection = false; // the table and markers show a result for m_dataset
    QString m_loadingText;
    int m_loadPermille = 0;
    int m_detectDone = 0;
    int m_detectTotal = 0;
    QString m_lastDirectory;
};
