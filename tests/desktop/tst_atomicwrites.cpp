// Writes that cannot half-happen: every file the window writes (File > Export Outliers,
// Export Incidents, Export Chart as PNG and as SVG) replaces the file under the user's name
// only once it was written whole. Two real failures, per writer: a directory that may not be
// written (as root, whose rights ignore file modes, the write runs under another file-system
// user: setfsuid), and a write cut short as by a full disk (RLIMIT_FSIZE: the kernel refuses
// bytes past a size, EFBIG, exactly where a full disk says ENOSPC). Each time the file there
// before is left byte for byte, no temporary file is left beside it, and the status bar names
// the file and the system's reason.

#include "desktop/export/exportactions.h"
#include "desktop/mainwindow.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Answers the next file dialog with `path`, and yes to its question whether to replace the
// file there (every path here already holds one).
void answerNextFileDialog(const QString& path)
{
    QTimer::singleShot(0, qApp, [path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("no file dialog open");
            return;
        }
        QTimer::singleShot(0, qApp, [] {
            if (auto* question = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                question->button(QMessageBox::Yes)->click();
        });
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

enum class Failure { UnwritableDirectory, CutShort };

// While it lives, writes in `directory` fail the way `failure` says.
class FailingWrites
{
public:
    FailingWrites(Failure failure, const QString& directory)
        : m_failure(failure)
        , m_directory(directory)
    {
        if (failure == Failure::UnwritableDirectory) {
            ::chmod(QFile::encodeName(directory).constData(), 0555);
            // Root writes anywhere: become nobody for file access, on this thread only.
            if (::geteuid() == 0)
                ::setfsuid(65534);
        } else {
            ::signal(SIGXFSZ, SIG_IGN); // a refused write fails with EFBIG instead of a signal
            ::getrlimit(RLIMIT_FSIZE, &m_limit);
            rlimit small = m_limit;
            small.rlim_cur = 200; // bytes; every export here is larger
            ::setrlimit(RLIMIT_FSIZE, &small);
        }
    }
    ~FailingWrites()
    {
        if (m_failure == Failure::UnwritableDirectory) {
            if (::geteuid() == 0)
                ::setfsuid(0);
            ::chmod(QFile::encodeName(m_directory).constData(), 0755);
        } else {
            ::setrlimit(RLIMIT_FSIZE, &m_limit);
        }
    }
    FailingWrites(const FailingWrites&) = delete;
    FailingWrites& operator=(const FailingWrites&) = delete;

    // What the system says of such a write.
    static QString reason(Failure failure)
    {
        return QString::fromLocal8Bit(std::strerror(failure == Failure::UnwritableDirectory ? EACCES : EFBIG));
    }

private:
    Failure m_failure;
    QString m_directory;
    rlimit m_limit {};
};

} // namespace

Q_DECLARE_METATYPE(Failure)

class TestAtomicWrites : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QTemporaryDir m_files;
    std::unique_ptr<MainWindow> m_window;

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid() && m_files.isValid());
        isolateSettings(m_settings.path(), QStringLiteral("tst_atomicwrites"));
        // Another file-system user must reach the directories below.
        QVERIFY(QFile::setPermissions(m_files.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::ExeOther));
        m_window = windowWithFile(QStringLiteral(OD_SAMPLE));
        QVERIFY(m_window->dataset());
    }

    void cleanupTestCase() { m_window.reset(); }

    void oldFileStaysWhole_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("name");
        QTest::addColumn<Failure>("failure");
        const struct
        {
            const char* action;
            const char* name;
        } writers[] = { { "exportAction", "outliers.csv" }, { "exportIncidentsAction", "incidents.csv" },
            { "exportChartAction", "chart.png" }, { "exportChartAction", "chart.svg" } };
        for (const auto& w : writers) {
            QTest::addRow("%s, directory not writable", w.name)
                << QString::fromLatin1(w.action) << QString::fromLatin1(w.name) << Failure::UnwritableDirectory;
            QTest::addRow("%s, write cut short", w.name)
                << QString::fromLatin1(w.action) << QString::fromLatin1(w.name) << Failure::CutShort;
        }
    }

    void oldFileStaysWhole()
    {
        QFETCH(QString, action);
        QFETCH(QString, name);
        QFETCH(Failure, failure);
        const QString directory = m_files.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(QDir().mkpath(directory));
        const QString path = directory + QLatin1Char('/') + name;
        const QByteArray before = "what the user had here before\n";
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly) && old.write(before) == before.size());
        }
        QAction* trigger = m_window->findChild<QAction*>(action);
        QVERIFY(trigger);
        {
            FailingWrites failing(failure, directory);
            answerNextFileDialog(path);
            trigger->trigger();
        }
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden), QStringList { name });
        const QString status = m_window->statusText();
        QVERIFY2(status.contains(QDir::toNativeSeparators(path)), qPrintable(status));
        QVERIFY2(status.contains(FailingWrites::reason(failure), Qt::CaseInsensitive), qPrintable(status));

        // The same write, nothing in the way: it replaces the file whole.
        answerNextFileDialog(path);
        trigger->trigger();
        const QByteArray after = readAll(path);
        QVERIFY2(after != before && after.size() > 200, qPrintable(m_window->statusText()));
        QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden), QStringList { name });
    }

    void outliersExportNamesTheMethod()
    {
        const QString path = m_files.filePath(QStringLiteral("named.csv"));
        answerNextFileDialog(path);
        m_window->findChild<QAction*>(QStringLiteral("exportAction"))->trigger();
        const QList<QByteArray> lines = readAll(path).split('\n');
        QVERIFY(lines.size() > 3);
        QVERIFY2(lines[0].startsWith("# outliers of ") && lines[0].contains("service-metrics.csv"), lines[0]);
        QVERIFY2(lines[1].startsWith("# method: local alarm (Ratio 1.3"), lines[1]);
        QVERIFY2(lines[2].startsWith("Series,"), lines[2]);
    }
};

QTEST_MAIN(TestAtomicWrites)
#include "tst_atomicwrites.moc"
