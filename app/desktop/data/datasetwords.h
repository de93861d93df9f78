#pragma once
// What was read, in the words of the window title and the status bar: the files by name, the
// series and rows, what was skipped and where, and a read error at its place in the file.

#include "chart/dataset.h"

#include "core/result.h"

#include <QString>

// The files' names without their folders: "a.csv, b.csv".
QString fileNamesText(const Dataset& dataset);
// "3 series, 12,000 rows, read in 41 ms".
QString loadedDataText(const Dataset& dataset);
// After rows were appended: "3 series, 12,040 rows", and ", 2 skipped" if any were.
QString grownDataText(const Dataset& dataset);

// The one line the status bar says once files are read, and the detail behind it (every
// skipped row's place and reason), if any.
struct LoadMessage
{
    QString text;
    QString detail;
};
LoadMessage loadedMessage(const Dataset& dataset);

// "bad.csv:3:7: reason": the place as the user knows the file, without its directory.
QString errorPlace(od::Error error);
