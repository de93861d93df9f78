#pragma once
// What one File > Open produced: the series of every file, read off the GUI thread and then
// shared read-only between the chart, the table and detection workers.

#include "core/plot/minmax_pyramid.h"
#include "core/result.h"
#include "core/series.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

// What the chart needs to frame a series, measured once off the GUI thread.
struct SeriesExtent
{
    std::int64_t minTime = 0, maxTime = 0; // nanoseconds; equal when the series is empty
    double minValue = 0, maxValue = 0; // over non-NaN values; hasValues false when there are none
    bool hasValues = false;
    double mean = 0, std = 0; // over non-NaN values (std with ddof = 0, as numpy's), for z-scores
    bool timesSorted = true; // a binary search finds the visible range
};

// A pass over a series' times and three over its values (range, sums, deviations).
SeriesExtent measureSeries(const od::Series& series);

struct Dataset
{
    std::vector<od::Series> series; // in file order, then in order of first appearance
    QStringList files;
    // Per series, the position of its file in files; empty when every series is of one file.
    std::vector<std::size_t> seriesFile;
    std::size_t rows = 0;
    std::size_t skipped = 0; // rows the lenient reader skipped, over all files
    std::vector<od::Error> firstSkipped;
    double readMillis = 0;
    std::vector<SeriesExtent> extents; // one per series, filled by the loader
    // One per series, built by the loader, so that the chart decimates any zoom in time that
    // follows its width; a dataset made elsewhere may leave it empty (the chart then scans).
    std::vector<od::MinMaxPyramid> pyramids;
    // Datasets that only added rows to one another (a followed file growing) share a non-zero
    // lineage: a detection of the earlier one still fits the prefix of the later one.
    std::uint64_t lineage = 0;
};

// Fills the extents and drawing pyramids of every series, before the dataset is published: the
// pyramids on the calling thread, the extents meanwhile on a second one.
void finishDataset(Dataset& dataset);

// The start (nanoseconds) of the file series `series` came from: the earliest time of any of
// that file's series. What "align to each file's start" subtracts.
std::int64_t fileStartOf(const Dataset& dataset, std::size_t series);

// Immutable once published, so worker threads may read it while the GUI shows it.
using DatasetPtr = std::shared_ptr<const Dataset>;
