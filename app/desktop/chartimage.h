#pragma once
// The chart the app shows, drawn into an image: File > Export Chart in the app and
// `outlierctl render` with no display share this one drawing.

#include "dataset.h"

#include "core/detection.h"

#include <QImage>
#include <QSize>

#include <vector>

// Needs a QApplication (any platform, offscreen included). detections[i] belongs to series i.
QImage renderChartImage(const DatasetPtr& dataset, const std::vector<od::Detection>& detections, QSize size);
