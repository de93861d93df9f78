#pragma once
// The outliers table beside the incidents: one row per flagged point, sorted by its model on
// raw numbers, the numbers next to their series and time and the explanation taking the rest
// of the width. Activating or clicking a row asks for its point on the chart.

#include "chart/timedisplay.h"

#include <QTableView>

#include <cstddef>

class OutlierTableModel;

class OutlierView : public QTableView
{
    Q_OBJECT
public:
    explicit OutlierView(OutlierTableModel* model, QWidget* parent = nullptr);

    // Widens the time column where times shown in display would not fit (local times carry
    // their offset, "+05:30"); never narrows it.
    void fitTimeColumn(TimeDisplay display);
    // The selected rows as text, a header line first (all rows when none is selected), and
    // how many rows were selected.
    QString selectionAsText(int* selected) const;

signals:
    // Point index of dataset series series, to be shown on the chart.
    void outlierPicked(std::size_t series, std::size_t index);
};
