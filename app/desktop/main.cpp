// outlierdesk [FILE.csv ...] [--remote HOST:PORT]

#include "desktop/detection/detectorpanel.h"
#include "desktop/mainwindow.h"
#include "desktop/settingsmigration.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

#include <cstdio>
#include <cstdlib>

namespace {

bool wantsTextOnly(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

// Without a display QApplication aborts with a platform-plugin backtrace that tells an
// on-call engineer nothing; say what to do instead, before Qt gets the chance.
bool hasDisplay()
{
    const auto set = [](const char* name) {
        const char* value = std::getenv(name);
        return value && *value;
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
}

void describeOptions(QCommandLineParser& parser, const QCoreApplication& app)
{
    parser.setApplicationDescription(app.translate("main", "Plots metric CSV files and marks their outliers."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("files"), app.translate("main", "CSV files to open."), QStringLiteral("[FILE.csv ...]"));
    parser.addOption({ QStringLiteral("remote"),
        app.translate(
            "main", "Detect on the server at HOST:PORT (outlierdesk.v1, or pb.Outliers/Detect) instead of locally."),
        QStringLiteral("HOST:PORT") });
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("OutlierDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("OutlierDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OD_VERSION));
}

} // namespace

int main(int argc, char** argv)
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        describeOptions(parser, app);
        parser.process(app); // prints and exits
        return 0;
    }
    if (!hasDisplay()) {
        std::fprintf(stderr,
            "outlierdesk: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it under Xvfb, e.g. "
            "`xvfb-run -a outlierdesk FILE.csv`, or set QT_QPA_PLATFORM=offscreen\n");
        return 1;
    }

    QApplication app(argc, argv);
    setIdentity();
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/outlierdesk.svg")));
    // Wayland compositors find the window's icon and name through the installed desktop entry.
    QGuiApplication::setDesktopFileName(QStringLiteral(OD_APP_ID));
    QCommandLineParser parser;
    describeOptions(parser, app);
    parser.process(app);

    {
        // Before any widget reads its settings: they should see the moved values.
        QSettings settings;
        migrateSettings(settings);
    }
    MainWindow window;
    if (parser.isSet(QStringLiteral("remote"))) {
        const QString endpoint = parser.value(QStringLiteral("remote")).trimmed();
        if (!endpoint.contains(QLatin1Char(':'))) {
            std::fprintf(stderr, "outlierdesk: --remote wants HOST:PORT, got '%s'\n", qPrintable(endpoint));
            return 2;
        }
        DetectorChoice choice = window.detectorPanel()->choice();
        choice.remote = true;
        choice.endpoint = endpoint;
        window.detectorPanel()->setChoice(choice);
    }
    window.show();
    window.openFiles(parser.positionalArguments());
    return app.exec();
}
