#include "chart/wholefile.h"

#include <QCoreApplication>
#include <QSaveFile>

bool writeFileWhole(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    const auto fail = [&] {
        *error = file.errorString().isEmpty() ? QCoreApplication::translate("wholefile", "cannot write the file")
                                              : file.errorString();
        file.cancelWriting();
        return false;
    };
    // Unbuffered: each write reaches the system at once, so a short one is seen here, and the
    // attempt at the rest brings the system's reason for it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail();
    qint64 done = 0;
    while (done < bytes.size()) {
        const qint64 written = file.write(bytes.constData() + done, bytes.size() - done);
        if (written <= 0)
            return fail();
        done += written;
    }
    if (!file.commit())
        return fail();
    return true;
}
