#include "desktop/mainwindow.h"

#include "chart/metricchartview.h"
#include "desktop/aboutbox.h"
#include "desktop/chartarea.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/connectiondock.h"
#include "desktop/data/bundledsample.h"
#include "desktop/data/followincidents.h"
#include "desktop/data/incidentnotice.h"
#include "desktop/detection/detectionrunner.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/detection/detectorwords.h"
#include "desktop/detection/incidentspanel.h"
#include "desktop/emptyprompt.h"
#include "desktop/export/exportactions.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/serieslistmodel.h"
#include "desktop/models/tabletext.h"
#include "desktop/numbertext.h"
#include "desktop/panes/console/consoledock.h"
#include "desktop/panes/streamingpanes.h"
#include "desktop/progresspanel.h"
#include "desktop/recentfiles.h"
#include "desktop/seriesdock.h"
#include "desktop/session.h"
#include "desktop/spanstatsdock.h"
#include "desktop/statusreport.h"
#include "desktop/viewoptions.h"

#include "core/detect/detector.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTime>
#include <QToolBar>

#include <utility>

namespace {

const char* kGeometryKey = "window/geometry";
const char* kStateKey = "window/state";
const char* kSplitterKey = "window/splitter";
const char* kLastDirectoryKey = "files/lastDirectory";

// The desktop theme's icon where it has one, so the app looks native there; our own otherwise
// (resources/icons/actions/, linked into outlierdesk).
QIcon themedIcon(const char* name)
{
    const QString themeName = QLatin1String(name);
    return QIcon::fromTheme(themeName, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(themeName)));
}

// "bad.csv:3:7: reason": the place as the user knows the file, without its directory.
QString shortPlace(od::Error error)
{
    if (!error.file.empty())
        error.file = QFileInfo(QString::fromStdString(error.file)).fileName().toStdString();
    return QString::fromStdString(error.toString());
}

QString describeMethod(const DetectorChoice& choice)
{
    // In the detector bar's words: "alarm (Ratio 1.3, Memory 4000, Period auto)", "mad (t 3.5)".
    return QStringLiteral("%1 (%2)").arg(choice.method, describeKnobs(choice));
}

QString describe(const DetectionOutcome& outcome)
{
    const DetectorChoice& choice = outcome.choice;
    if (!choice.remote)
        return QObject::tr("local %1").arg(describeMethod(choice));
    if (!choice.remoteMethod)
        return QObject::tr("remote %1 (its own rule)").arg(choice.endpoint);
    // A server without outlierdesk.v1 answered with pb.Outliers/Detect: its own rule, whatever
    // was asked. Say so, or a comparison of methods would compare nothing.
    if (!outcome.usedDetectorService)
        return QObject::tr("remote %1 (its own rule: the server cannot run %2)").arg(choice.endpoint, choice.method);
    return QObject::tr("remote %1 %2").arg(choice.endpoint, describeMethod(choice));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_channels(new ChannelProvider(this))
    , m_detectorPanel(new DetectorPanel(this))
    , m_session(new Session([this] { return m_detectorPanel->choice(); }, m_channels, this))
    , m_chartArea(new ChartArea(this))
    , m_seriesModel(new SeriesListModel(this))
    , m_outlierModel(new OutlierTableModel(this))
    , m_incidents(new IncidentsPanel(this))
    , m_followIncidents(new FollowIncidents(this))
    , m_notice(new IncidentNotice(this))
    , m_outlierView(new QTableView(this))
    , m_progress(new ProgressPanel(this))
    , m_viewOptions(new ViewOptions(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("OutlierDesk"));

    m_outlierView->setObjectName(QStringLiteral("outlierView"));
    m_outlierView->setModel(m_outlierModel); // it sorts itself, on raw numbers
    m_outlierView->setSortingEnabled(true);
    m_outlierView->sortByColumn(OutlierTableModel::TimeColumn, Qt::AscendingOrder);
    m_outlierView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_outlierView->setAlternatingRowColors(true);
    m_outlierView->verticalHeader()->hide();
    m_outlierView->verticalHeader()->setDefaultSectionSize(m_outlierView->fontMetrics().height() + 8);
    // A Why longer than its cell keeps its start and its closing figures; the tooltip holds it all.
    m_outlierView->setTextElideMode(Qt::ElideMiddle);
    // Numbers stay next to their series and time; the explanation takes the rest of the width.
    m_outlierView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_outlierView->horizontalHeader()->setStretchLastSection(true);
    m_outlierView->setColumnWidth(OutlierTableModel::SeriesColumn, 150);
    m_outlierView->setColumnWidth(OutlierTableModel::TimeColumn, 180);
    m_outlierView->setColumnWidth(OutlierTableModel::ValueColumn, 90);
    m_outlierView->setColumnWidth(OutlierTableModel::ScoreColumn, 70);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_chartArea);
    // The incidents first, what one acts on; the points they are made of beside them.
    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->setObjectName(QStringLiteral("tableSplitter"));
    tables->addWidget(m_incidents);
    tables->addWidget(m_outlierView);
    tables->setChildrenCollapsible(false);
    tables->setSizes({ 680, 320 }); // the incidents' Why wants the room
    splitter->addWidget(tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    // The chart is what one looks at first; the table needs room for about ten rows.
    splitter->setSizes({ 480, 260 });
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    auto* detectorBar = new QToolBar(tr("Detector"), this);
    detectorBar->setObjectName(QStringLiteral("detectorToolBar"));
    detectorBar->setMovable(false);
    detectorBar->addWidget(m_detectorPanel);
    addToolBar(Qt::TopToolBarArea, detectorBar);

    m_status = new StatusReport(this, m_progress);

    auto* seriesDock = new SeriesDock(m_seriesModel, this);
    addDockWidget(Qt::LeftDockWidgetArea, seriesDock);
    // Wide enough for typical metric names next to their counts.
    resizeDocks({ seriesDock }, { 320 }, Qt::Horizontal);
    auto* spanDock = new SpanStatsDock(m_chartArea, this);
    addDockWidget(Qt::BottomDockWidgetArea, spanDock);
    spanDock->hide(); // until a span is selected
    // A few rows of figures: the chart keeps most of the height (the first time; after that the
    // dock keeps the height the user gave it).
    connect(spanDock, &QDockWidget::visibilityChanged, this, [this, spanDock, sized = false](bool visible) mutable {
        if (visible && !sized && spanDock->height() > 220)
            resizeDocks({ spanDock }, { 200 }, Qt::Vertical);
        sized = sized || visible;
    });
    // One view state for the charts and the series list: what is shown, banded and zoomed.
    m_chartArea->setViewState(m_session->viewState());
    m_seriesModel->setViewState(m_session->viewState());
    connect(seriesDock, &SeriesDock::currentSeriesChanged, m_chartArea, &ChartArea::setBandSeries);
    connect(m_viewOptions, &ViewOptions::stackedChartsChanged, m_chartArea, &ChartArea::setStacked);
    connect(m_viewOptions, &ViewOptions::valueScaleChanged, m_chartArea, &ChartArea::setValueScale);
    connect(m_viewOptions, &ViewOptions::timeAlignmentChanged, m_chartArea, &ChartArea::setTimeAlignment);
    // One clock for the chart, its tooltips and the table (and so for what is copied or exported).
    connect(m_viewOptions, &ViewOptions::timeDisplayChanged, this, [this](TimeDisplay display) {
        m_chartArea->setTimeDisplay(display);
        m_outlierModel->setTimeDisplay(display);
        m_incidents->setTimeDisplay(display);
        // Local times carry their offset ("+05:30"); widen the column rather than elide them.
        const int needed = m_outlierView->fontMetrics().horizontalAdvance(formatTime(0, display)) + 32;
        if (m_outlierView->columnWidth(OutlierTableModel::TimeColumn) < needed)
            m_outlierView->setColumnWidth(OutlierTableModel::TimeColumn, needed);
    });

    createActions();
    // Live prices, chat and upload talk to the endpoint the detector panel names.
    m_streamingPanes = installStreamingPanes(this, m_channels, [this] { return m_detectorPanel->choice().endpoint; });
    // The chart comes first: the panes start closed (Ctrl+1/2/3 opens them), and where the
    // user left them is restored with the window state.
    m_streamingPanes->stockDock()->hide();
    m_streamingPanes->chatDock()->hide();
    m_streamingPanes->uploadDock()->hide();
    installConsolePane(this, m_channels, [this] { return m_detectorPanel->choice().endpoint; }); // closed; Ctrl+5
    setAcceptDrops(true);
    connect(m_outlierView, &QTableView::activated, this, &MainWindow::showOutlierInChart);
    connect(m_outlierView, &QTableView::clicked, this, &MainWindow::showOutlierInChart);
    connect(m_incidents, &IncidentsPanel::incidentPicked, m_chartArea, &ChartArea::showIncident);
    connect(m_incidents, &IncidentsPanel::incidentsChanged, this, [this](const IncidentSpansPtr& spans) {
        m_chartArea->setIncidentSpans(spans);
        if (!m_session->hasDetection())
            return;
        // An acknowledgement changes the counts: both places that say them say it at once.
        m_status->setDetectText(m_incidents->countsText() + QLatin1Char(' ') + m_runText);
        showMessage(tr("%1.").arg(m_incidents->countsText()));
    });
    connect(m_followIncidents, &FollowIncidents::incidentOpened, this, [this](const QString& series, qint64 startNs) {
        const QString text = IncidentNotice::text(series, formatTime(startNs, m_viewOptions->timeDisplay()));
        showMessage(text, {}, true);
        m_notice->notify(text);
    });

    connect(m_session, &Session::progressChanged, this, &MainWindow::updateProgress);
    connect(m_session, &Session::datasetReplaced, this, &MainWindow::onLoaded);
    connect(m_session, &Session::datasetGrown, this, &MainWindow::onAppended);
    connect(m_session, &Session::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_session, &Session::loadCancelled, this, [this] {
        showMessage(tr("Loading cancelled; the data shown before stays."));
        emit loadFinished(false);
    });
    connect(m_session, &Session::detectionFinished, this, &MainWindow::onDetectionFinished);
    connect(m_session, &Session::problem, this, [this](const QString& text) { showMessage(text, {}, true); });
    connect(m_detectorPanel, &DetectorPanel::choiceChanged, this, &MainWindow::detectNow);
    connect(m_detectorPanel, &DetectorPanel::detectRequested, this, &MainWindow::detectNow);
    connect(m_progress, &ProgressPanel::cancelRequested, this, &MainWindow::cancelTasks);

    resize(1280, 800);
    readSettings();
    // After readSettings(): it sets the endpoint the dock shows and the dock's saved place.
    m_connectionDock = installConnectionDock(this, m_detectorPanel, m_channels);
    connect(m_connectionDock->stateIndicator(), &ChannelStateIndicator::stateChanged, m_status,
        &StatusReport::channelStateChanged);
    connect(m_connectionDock->stateIndicator(), &ChannelStateIndicator::stateChanged, m_streamingPanes,
        &StreamingPanes::channelStateChanged);
    splitter->restoreState(QSettings().value(kSplitterKey).toByteArray());
    showMessage(tr("Open a CSV file to begin (File > Open, Ctrl+O)."));
}

MainWindow::~MainWindow()
{
    writeSettings();
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(tr("&Open..."), this, &MainWindow::openFileDialog);
    open->setObjectName(QStringLiteral("openAction"));
    open->setShortcut(QKeySequence::Open);
    open->setIcon(themedIcon("document-open"));
    QAction* sample = fileMenu->addAction(tr("Open the &Sample"), this, &MainWindow::openSample);
    sample->setObjectName(QStringLiteral("openSampleAction"));
    sample->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    sample->setStatusTip(tr("Open the metrics that ship with OutlierDesk, to see it at work"));
    m_emptyPrompt = new EmptyPrompt(m_chartArea, open, sample);
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    // QKeySequence::Quit is empty on platforms with a Windows key scheme (the offscreen one).
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));

    QMenu* recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recentFiles = new RecentFiles(
        recentMenu, [this](const QString& path) { openFiles({ path }); }, this);
    m_followAction = new QAction(tr("&Follow Changes"), this);
    m_followAction->setObjectName(QStringLiteral("followAction"));
    m_followAction->setCheckable(true);
    m_followAction->setEnabled(false);
    m_followAction->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    m_followAction->setStatusTip(tr("Show rows appended to the open file as they are written"));
    connect(m_followAction, &QAction::toggled, this, [this](bool on) {
        const DatasetPtr dataset = m_session->dataset();
        if (on && dataset && dataset->files.size() == 1)
            followFile(dataset->files.front());
        else if (!on)
            stopFollowing();
    });
    fileMenu->insertAction(quit, m_followAction);
    m_exports = new ExportActions(
        { m_outlierModel, m_incidents, m_chartArea, [this] { return m_session->dataset(); } },
        [this] { return m_lastDirectory; }, this);
    connect(m_exports, &ExportActions::message, this, &MainWindow::showMessage);
    fileMenu->insertSeparator(quit);
    fileMenu->insertMenu(quit, recentMenu);
    m_exports->insertInto(fileMenu, quit);
    fileMenu->insertSeparator(quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* copy = editMenu->addAction(tr("&Copy Rows"), this, &MainWindow::copySelectedOutliers);
    copy->setObjectName(QStringLiteral("copyAction"));
    copy->setShortcut(QKeySequence::Copy);
    QAction* find = editMenu->addAction(tr("&Find Series"), this, &MainWindow::findSeries);
    find->setObjectName(QStringLiteral("findSeriesAction"));
    find->setShortcut(QKeySequence::Find);
    editMenu->addSeparator();
    editMenu->addAction(m_incidents->acknowledgeAction());
    editMenu->addAction(m_incidents->unacknowledgeAction());

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = viewMenu->addAction(tr("Zoom &In"), this, [this] { m_chartArea->zoom(1.5); });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    zoomIn->setIcon(themedIcon("zoom-in"));
    QAction* zoomOut = viewMenu->addAction(tr("Zoom &Out"), this, [this] { m_chartArea->zoom(1 / 1.5); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    zoomOut->setIcon(themedIcon("zoom-out"));
    QAction* reset = viewMenu->addAction(tr("&Show Everything"), this, [this] { m_chartArea->resetZoom(); });
    reset->setObjectName(QStringLiteral("resetZoomAction"));
    reset->setShortcut(QKeySequence(tr("Ctrl+0")));
    reset->setIcon(themedIcon("zoom-original"));
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("seriesDock"))) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
        viewMenu->addAction(toggle);
        viewMenu->addSeparator();
    }
    QAction* back = viewMenu->addAction(tr("Pan &Back"), this, [this] { m_chartArea->pan(-0.25); });
    back->setShortcut(QKeySequence(tr("Ctrl+Left")));
    QAction* forward = viewMenu->addAction(tr("Pan &Forward"), this, [this] { m_chartArea->pan(0.25); });
    forward->setShortcut(QKeySequence(tr("Ctrl+Right")));
    viewMenu->addSeparator();
    m_viewOptions->addToMenu(viewMenu);

    QMenu* detectMenu = menuBar()->addMenu(tr("&Detection"));
    QAction* detect = detectMenu->addAction(tr("&Detect Again"), this, &MainWindow::detectNow);
    detect->setObjectName(QStringLiteral("detectAction"));
    detect->setShortcut(Qt::Key_F5);
    detect->setIcon(themedIcon("view-refresh"));
    QAction* cancel = detectMenu->addAction(tr("&Cancel"), this, &MainWindow::cancelTasks);
    cancel->setObjectName(QStringLiteral("cancelAction"));
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setIcon(themedIcon("process-stop"));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About OutlierDesk"), this, [this] { showAboutBox(this); });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

MetricChartView* MainWindow::chartView() const
{
    return m_chartArea->singleChart();
}

QAbstractItemModel* MainWindow::outlierTable() const
{
    return m_outlierModel;
}

DatasetPtr MainWindow::dataset() const
{
    return m_session->dataset();
}

QString MainWindow::statusText() const
{
    return m_status->messageText();
}

void MainWindow::showMessage(const QString& text, const QString& detail, bool isError)
{
    m_status->showMessage(text, detail, isError);
}

void MainWindow::openFileDialog()
{
    QString directory = m_lastDirectory;
    if (directory.isEmpty())
        directory = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Metric Files"), directory, tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    openFiles(files);
}

void MainWindow::openFiles(const QStringList& files)
{
    if (files.isEmpty())
        return;
    m_lastDirectory = QFileInfo(files.first()).absolutePath();
    stopFollowing();
    m_session->open(files);
}

void MainWindow::openSample()
{
    QString error;
    const QString path = bundledSamplePath(&error);
    if (path.isEmpty()) {
        showMessage(tr("Could not open the sample: %1").arg(error), {}, true);
        return;
    }
    openFiles({ path });
}

void MainWindow::onLoaded(const DatasetPtr& dataset)
{
    m_emptyPrompt->hide();
    m_outlierModel->clear();
    m_incidents->clear();
    m_followIncidents->reset(); // a followed file read anew: what it holds is history
    m_chartArea->setDataset(dataset);
    m_seriesModel->setDataset(dataset);
    m_streamingPanes->setDataset(dataset);
    m_status->setDetectText(QString());
    m_recentFiles->remember(dataset->files);

    QStringList names;
    for (const QString& f : dataset->files)
        names << QFileInfo(f).fileName();
    setWindowTitle(tr("%1 - OutlierDesk").arg(names.join(QStringLiteral(", "))));
    m_status->setDataText(tr("%1, %2, read in %3")
                              .arg(countOf(dataset->series.size(), tr("series"), tr("series")),
                                  countOf(dataset->rows, tr("row"), tr("rows")), formatMillis(dataset->readMillis)));
    if (dataset->skipped > 0) {
        QStringList detail;
        for (const od::Error& e : dataset->firstSkipped)
            detail << QString::fromStdString(e.toString());
        const QString first = dataset->firstSkipped.empty() ? QString() : shortPlace(dataset->firstSkipped.front());
        showMessage(tr("%1 skipped (first: %2)").arg(countOf(dataset->skipped, tr("row"), tr("rows")), first),
            detail.join(QLatin1Char('\n')));
    } else if (dataset->series.empty()) {
        showMessage(tr("%1 holds no series.").arg(names.join(QStringLiteral(", "))));
    } else {
        showMessage(tr("Loaded %1.").arg(names.join(QStringLiteral(", "))));
    }
    m_followAction->setEnabled(dataset->files.size() == 1);
    m_status->setDataset(dataset);
    emit loadFinished(true);
}

void MainWindow::followFile(const QString& path)
{
    m_lastDirectory = QFileInfo(path).absolutePath();
    const QSignalBlocker quiet(m_followAction);
    m_followAction->setEnabled(true);
    m_followAction->setChecked(true);
    m_session->follow(path);
    m_status->setFollowing(QFileInfo(path).fileName());
}

void MainWindow::stopFollowing()
{
    m_session->stopFollowing();
    const QSignalBlocker quiet(m_followAction);
    m_followAction->setChecked(false);
    m_status->setFollowing(QString());
}

void MainWindow::onAppended(const DatasetPtr& dataset, std::size_t rows)
{
    m_chartArea->setDataset(dataset, true);
    m_seriesModel->setGrownDataset(dataset);
    m_streamingPanes->setDataset(dataset);
    QString data = tr("%1, %2").arg(
        countOf(dataset->series.size(), tr("series"), tr("series")), countOf(dataset->rows, tr("row"), tr("rows")));
    if (dataset->skipped > 0)
        data += tr(", %1 skipped").arg(dataset->skipped);
    m_status->setDataText(data);
    showMessage(
        tr("%1 appended at %2.")
            .arg(countOf(rows, tr("row"), tr("rows")), QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_status->setDataset(dataset);
}

void MainWindow::onLoadFailed(const od::Error& error)
{
    QString text = tr("Could not load %1").arg(shortPlace(error));
    if (m_session->dataset())
        text += tr(" (still showing the data loaded before)");
    showMessage(text, QString::fromStdString(error.toString()), true);
    emit loadFinished(false);
}

void MainWindow::detectNow()
{
    m_session->detect();
}

void MainWindow::cancelTasks()
{
    m_session->cancel();
}

void MainWindow::onDetectionFinished(const DetectionOutcome& outcome)
{
    if (outcome.cancelled) {
        showMessage(m_session->hasDetection() ? tr("Detection cancelled; the outliers shown are from the run before.")
                                              : tr("Detection cancelled."));
        emit detectionFinished(false);
        return;
    }
    if (!outcome.ok()) {
        const QString kept = m_session->hasDetection() ? tr(" The outliers shown are from the run before.") : QString();
        const QString detail = outcome.errorDetail.isEmpty() ? outcome.error : outcome.errorDetail;
        if (outcome.unreachable)
            m_status->showUnreachable(outcome.choice.endpoint, outcome.error + kept, detail);
        else
            showMessage(outcome.error + kept, detail, true);
        emit detectionFinished(false);
        return;
    }
    m_outlierModel->setOutliers(m_session->dataset(), outcome.detections);
    m_chartArea->setBandText(describeMethod(outcome.choice));
    m_chartArea->setDetections(outcome.detections);
    m_seriesModel->setDetections(*outcome.detections);
    // The incidents lead the status bar: they are what someone acts on.
    m_runText = tr("by %1 in %2").arg(describe(outcome), formatMillis(outcome.millis));
    m_incidents->setResult(m_session->dataset(), outcome.detections, describe(outcome));
    showMessage(tr("%1 found.").arg(m_incidents->countsText()));
    if (m_session->isFollowing() && outcome.dataset)
        m_followIncidents->update(*outcome.dataset, *outcome.detections);
    emit detectionFinished(true);
}

void MainWindow::updateProgress()
{
    const Session::Progress now = m_session->progress();
    switch (now.task) {
    case Session::Progress::Task::Loading:
        m_progress->showTask(now.text, now.done, now.total);
        return;
    case Session::Progress::Task::Detecting:
        m_progress->showTask(tr("Detecting"), now.done, now.total);
        return;
    case Session::Progress::Task::None:
        m_progress->finishTask();
        return;
    }
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    restoreState(settings.value(kStateKey).toByteArray());
    m_lastDirectory = settings.value(kLastDirectoryKey).toString();
    m_recentFiles->restoreSettings(settings);
    m_detectorPanel->restoreSettings(settings);
    m_viewOptions->restoreSettings(settings);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    if (auto* splitter = qobject_cast<QSplitter*>(centralWidget()))
        settings.setValue(kSplitterKey, splitter->saveState());
    settings.setValue(kLastDirectoryKey, m_lastDirectory);
    m_recentFiles->saveSettings(settings);
    m_detectorPanel->saveSettings(settings);
    m_viewOptions->saveSettings(settings);
}

void MainWindow::showOutlierInChart(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    m_chartArea->centreOn(index.data(OutlierTableModel::SeriesIndexRole).toULongLong(),
        index.data(OutlierTableModel::PointIndexRole).toULongLong());
}

void MainWindow::copySelectedOutliers()
{
    // Ctrl+C copies from the table in use: the incidents' when it has the focus.
    if (m_incidents->view()->hasFocus()) {
        QApplication::clipboard()->setText(m_incidents->selectionAsText());
        showMessage(tr("Copied %n incident row(s).", "", std::max<int>(1, int(m_incidents->selectedRows().size()))));
        return;
    }
    const QModelIndexList rows = m_outlierView->selectionModel()->selectedRows();
    QApplication::clipboard()->setText(rowsAsTsv(*m_outlierModel, rows));
    showMessage(rows.isEmpty() ? tr("Copied every outlier row.") : tr("Copied %n outlier row(s).", "", rows.size()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        openFiles(files);
    }
}

void MainWindow::findSeries()
{
    auto* dock = findChild<QDockWidget*>(QStringLiteral("seriesDock"));
    auto* filter = findChild<QLineEdit*>(QStringLiteral("seriesFilter"));
    if (!dock || !filter)
        return;
    dock->show();
    dock->raise();
    filter->setFocus(Qt::ShortcutFocusReason);
    filter->selectAll();
}
