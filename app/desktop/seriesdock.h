#pragma once
// The series dock: every loaded series with a check box to show or hide it, its colour, point
// and outlier counts; a filter box; sortable (by outlier count, to see who misbehaved).
// Selecting one series draws its detector band on the chart.

#include <QDockWidget>

#include <optional>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class SeriesListModel;

class SeriesDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit SeriesDock(SeriesListModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    // Edit > Find Series: shows the dock and puts the cursor in its filter, its text selected.
    void findSeries();

signals:
    // The series whose band to draw, or none.
    void currentSeriesChanged(std::optional<std::size_t> series);

private:
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
};
