#pragma once
// Files written whole or not at all. The bytes go to a temporary file beside the target, which
// is renamed over it only once every byte is on disk; a full disk, a file-size limit or a
// directory that may not be written leaves what was there before untouched. QSaveFile alone
// is not enough: a short write (the disk filled up part way) is not an error to it, and it
// commits the truncated file. Here because the app and outlierctl both link this library.

#include <QByteArray>
#include <QString>

// Writes bytes to path; on failure returns false and says why in *error: the system's reason
// ("No space left on device", "Permission denied").
bool writeFileWhole(const QString& path, const QByteArray& bytes, QString* error);
