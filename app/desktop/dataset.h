#pragma once
// What one File > Open produced: the series of every file, read off the GUI thread and then
// shared read-only between the chart, the table and detection workers.

#include "core/result.h"
#include "core/series.h"

#include <QStringList>

#include <cstddef>
#include <memory>
#include <vector>

struct Dataset
{
    std::vector<od::Series> series; // in file order, then in order of first appearance
    QStringList files;
    std::size_t rows = 0;
    std::size_t skipped = 0; // rows the lenient reader skipped, over all files
    std::vector<od::Error> firstSkipped;
    double readMillis = 0;
};

// Immutable once published, so worker threads may read it while the GUI shows it.
using DatasetPtr = std::shared_ptr<const Dataset>;
