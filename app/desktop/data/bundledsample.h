#pragma once
// The sample that ships inside the app (resources/samples/service-metrics.csv, compiled into
// its resources), written out to a real file, since the readers open files by path: the way
// to see the app at work before one has a file of one's own.

#include <QString>

// The sample as a file under the app's data directory, written there (whole or not at all)
// when it is missing or differs. Empty, with *error saying why, when the app was built without
// its resources or the data directory cannot be written.
QString bundledSamplePath(QString* error);
