#pragma once
// The chart: one line per series against time, the outliers as red markers on top. Lines are
// decimated to the plot's width, so drawing cost follows pixels, not points.

#include "dataset.h"

#include "core/detection.h"

#include <QChartView>
#include <QTimer>

#include <utility>
#include <vector>

class QChart;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

class MetricChartView : public QChartView
{
    Q_OBJECT
public:
    explicit MetricChartView(QWidget* parent = nullptr);
    ~MetricChartView() override;

    // Shows dataset's series with no outliers marked.
    void setDataset(const DatasetPtr& dataset);
    // detections[i] belongs to the dataset's series i; an empty vector clears the markers.
    void setDetections(const std::vector<od::Detection>& detections);

    const std::vector<QLineSeries*>& lineSeries() const { return m_lines; }
    const std::vector<QScatterSeries*>& outlierSeries() const { return m_outliers; }
    // At most this many points per line per pixel column of the plot area.
    static constexpr int kPointsPerColumn = 2;

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void refreshPoints();
    void updateAxes();
    int plotWidth() const;

    QChart* m_chart;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    DatasetPtr m_dataset;
    std::vector<od::Detection> m_detections;
    std::pair<qint64, qint64> m_timeRange; // UTC milliseconds
    std::pair<double, double> m_valueRange;
    std::vector<QLineSeries*> m_lines;
    std::vector<QScatterSeries*> m_outliers;
    QTimer m_refreshTimer; // coalesces the resizes of one layout pass into one re-decimation
    int m_decimatedWidth = -1;
};
