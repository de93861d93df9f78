#pragma once
// The main window: wires the loader, the detection runner, the chart, the table and the
// detector panel together, and reports in the status bar. It decides nothing about data itself.

#include "dataset.h"

#include <QMainWindow>

#include <vector>

class DetectionRunner;
class DetectorPanel;
class FileLoader;
class MetricChartView;
class OutlierTableModel;
class ProgressPanel;
class SeriesListModel;
class StreamingPanes;
class ViewOptions;
class QAbstractItemModel;
class QLabel;
class QMenu;
class QModelIndex;
class QSortFilterProxyModel;
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
    MetricChartView* chartView() const { return m_chartView; }
    OutlierTableModel* outlierModel() const { return m_outlierModel; }
    SeriesListModel* seriesModel() const { return m_seriesModel; }
    StreamingPanes* streamingPanes() const { return m_streamingPanes; }
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
    void onDetectionFinished(const DetectionOutcome& outcome);
    void showMessage(const QString& text, const QString& detail = {}, bool isError = false);
    void updateProgress();
    void readSettings();
    void writeSettings() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    FileLoader* m_loader;
    DetectionRunner* m_runner;
    DetectorPanel* m_detectorPanel;
    MetricChartView* m_chartView;
    SeriesListModel* m_seriesModel;
    StreamingPanes* m_streamingPanes = nullptr;
    OutlierTableModel* m_outlierModel;
    QSortFilterProxyModel* m_outlierProxy;
    QTableView* m_outlierView;
    QLabel* m_messageLabel;
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
