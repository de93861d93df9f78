#pragma once
// The title line above an exported or rendered chart, so that the picture stands alone in a
// ticket or a chat: which files, which method with which parameters, the time span shown and
// the clock it is read in. File > Export Chart and `outlierctl render` draw the same line.

#include "chart/dataset.h"
#include "chart/timedisplay.h"

#include "core/detect/detector.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <utility>

class QPainter;
class QPalette;
class QRectF;

struct ChartCaption
{
    QStringList files; // as opened; the line names them without their directories
    QString method; // how the outliers were found: "local zscore k=2", "rolling k=4 window=30"
    qint64 fromMs = 0; // the span shown, UTC milliseconds
    qint64 toMs = 0;
    TimeDisplay clock = TimeDisplay::Utc;
};

// "cpu.csv, mem.csv | local zscore k=2 | 2024-05-01T00:00:00Z to 2024-05-08T12:00:00Z |
// clock: UTC"; the times in the caption's own clock, with their offset in local time.
QString captionText(const ChartCaption& caption);

// "zscore k=2", "rolling k=4 window=30": the method under its threshold's own letter, and the
// further parameters it takes, as it ran (the window it used; a period only when one was given).
QString methodText(const od::DetectorParams& params);
// The time span of every series of dataset, UTC milliseconds ({0, 0} when it has no times).
std::pair<qint64, qint64> datasetSpanMs(const Dataset& dataset);

// How tall the line is drawn: one line of the application font with some air.
int captionHeight();
// Draws text in band (the top of a picture): the palette's text colour on its base colour,
// elided at the right when wider than the band.
void paintCaption(QPainter& painter, const QRectF& band, const QString& text, const QPalette& palette);
