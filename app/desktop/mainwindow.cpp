#include "desktop/mainwindow.h"

#include "chart/metricchartview.h"
#include "desktop/chartarea.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/connectiondock.h"
#include "desktop/data/bundledsample.h"
#include "desktop/data/datasetwords.h"
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
#include "desktop/numbertext.h"
#include "desktop/outlierview.h"
#include "desktop/panes/console/consoledock.h"
#include "desktop/panes/streamingpanes.h"
#include "desktop/progresspanel.h"
#include "desktop/recentfiles.h"
#include "desktop/seriesdock.h"
#include "desktop/session.h"
#include "desktop/spanstatsdock.h"
#include "desktop/statusreport.h"
#include "desktop/viewoptions.h"
#include "desktop/windowmenus.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QTime>
#include <QTimer>
#include <QToolBar>

namespace {

const char* kGeometryKey = "window/geometry";
const char* kStateKey = "window/state";
const char* kSplitterKey = "window/splitter";
const char* kLastDirectoryKey = "files/lastDirectory";

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
    , m_chartHandOver(new QTimer(this))
    , m_outlierView(new OutlierView(m_outlierModel, this))
    , m_progress(new ProgressPanel(this))
    , m_viewOptions(new ViewOptions(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("OutlierDesk"));

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
        m_outlierView->fitTimeColumn(display);
    });

    m_exports = new ExportActions(
        { m_outlierModel, m_incidents, m_chartArea, [this] { return m_session->dataset(); } },
        [this] { return m_lastDirectory; }, this);
    connect(m_exports, &ExportActions::message, this, &MainWindow::showMessage);
    m_menus = new WindowMenus(this, { m_chartArea, m_incidents, m_viewOptions, m_exports, seriesDock });
    m_emptyPrompt = new EmptyPrompt(m_chartArea, m_menus->openAction(), m_menus->openSampleAction());
    m_recentFiles = new RecentFiles(
        m_menus->recentMenu(), [this](const QString& path) { openFiles({ path }); }, this);
    connect(m_menus, &WindowMenus::openRequested, this, &MainWindow::openFileDialog);
    connect(m_menus, &WindowMenus::openSampleRequested, this, &MainWindow::openSample);
    connect(m_menus, &WindowMenus::followToggled, this, [this](bool on) {
        const DatasetPtr dataset = m_session->dataset();
        if (on && dataset && dataset->files.size() == 1)
            followFile(dataset->files.front());
        else if (!on)
            stopFollowing();
    });
    connect(m_menus, &WindowMenus::copyRequested, this, &MainWindow::copySelectedOutliers);
    connect(m_menus, &WindowMenus::findSeriesRequested, seriesDock, &SeriesDock::findSeries);
    connect(m_menus, &WindowMenus::detectRequested, this, &MainWindow::detectNow);
    connect(m_menus, &WindowMenus::cancelRequested, this, &MainWindow::cancelTasks);
    // Live prices, chat and upload talk to the endpoint the detector panel names.
    m_streamingPanes = installStreamingPanes(this, m_channels, [this] { return m_detectorPanel->choice().endpoint; });
    // The chart comes first: the panes start closed (Ctrl+1/2/3 opens them), and where the
    // user left them is restored with the window state.
    m_streamingPanes->stockDock()->hide();
    m_streamingPanes->chatDock()->hide();
    m_streamingPanes->uploadDock()->hide();
    installConsolePane(
        this, m_channels, [this] { return m_detectorPanel->choice().endpoint; }, // closed; Ctrl+5
        [this] { return m_session->dataset(); });
    setAcceptDrops(true);
    connect(m_outlierView, &OutlierView::outlierPicked, m_chartArea, &ChartArea::centreOn);
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
    m_chartHandOver->setSingleShot(true);
    m_chartHandOver->setInterval(0);
    connect(m_chartHandOver, &QTimer::timeout, this, &MainWindow::showDetectionOnChart);
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

    setWindowTitle(tr("%1 - OutlierDesk").arg(fileNamesText(*dataset)));
    m_status->setDataText(loadedDataText(*dataset));
    const LoadMessage message = loadedMessage(*dataset);
    showMessage(message.text, message.detail);
    m_menus->followAction()->setEnabled(dataset->files.size() == 1);
    m_status->setDataset(dataset);
    emit loadFinished(true);
}

void MainWindow::followFile(const QString& path)
{
    m_lastDirectory = QFileInfo(path).absolutePath();
    const QSignalBlocker quiet(m_menus->followAction());
    m_menus->followAction()->setEnabled(true);
    m_menus->followAction()->setChecked(true);
    m_session->follow(path);
    m_status->setFollowing(QFileInfo(path).fileName());
}

void MainWindow::stopFollowing()
{
    m_session->stopFollowing();
    const QSignalBlocker quiet(m_menus->followAction());
    m_menus->followAction()->setChecked(false);
    m_status->setFollowing(QString());
}

void MainWindow::onAppended(const DatasetPtr& dataset, std::size_t rows)
{
    m_chartArea->setDataset(dataset, true);
    m_seriesModel->setGrownDataset(dataset);
    m_streamingPanes->setDataset(dataset);
    m_status->setDataText(grownDataText(*dataset));
    showMessage(
        tr("%1 appended at %2.")
            .arg(countOf(rows, tr("row"), tr("rows")), QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_status->setDataset(dataset);
}

void MainWindow::onLoadFailed(const od::Error& error)
{
    QString text = tr("Could not load %1").arg(errorPlace(error));
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
    m_seriesModel->setDetections(*outcome.detections);
    // The incidents lead the status bar: they are what someone acts on.
    m_runText = tr("by %1 in %2").arg(describeRun(outcome), formatMillis(outcome.millis));
    m_incidents->setResult(m_session->dataset(), outcome.detections, outcome.incidents, describeRun(outcome));
    showMessage(tr("%1 found.").arg(m_incidents->countsText()));
    if (m_session->isFollowing() && outcome.dataset)
        m_followIncidents->update(*outcome.dataset, *outcome.detections);
    // The chart's markers and band are a zoom step's work (20-30 ms on 100M points, the tables
    // above as much again): they follow on a zero timer, which runs after the window's input
    // and the timers already due, not in the same pass over posted events as a queued call.
    if (m_chartHandOver->isActive())
        emit detectionFinished(true); // the one waiting is superseded before it was drawn
    m_chartDetections = outcome.detections;
    m_chartBandText = describeMethod(outcome.choice);
    m_chartHandOver->start();
}

void MainWindow::showDetectionOnChart()
{
    // Data opened meanwhile takes its own chart and detection.
    if (m_chartDetections && m_session->detections() == m_chartDetections) {
        m_chartArea->setBandText(m_chartBandText);
        m_chartArea->setDetections(m_chartDetections);
    }
    m_chartDetections.reset();
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

void MainWindow::copySelectedOutliers()
{
    // Ctrl+C copies from the table in use: the incidents' when it has the focus.
    if (m_incidents->view()->hasFocus()) {
        QApplication::clipboard()->setText(m_incidents->selectionAsText());
        showMessage(tr("Copied %n incident row(s).", "", std::max<int>(1, int(m_incidents->selectedRows().size()))));
        return;
    }
    int selected = 0;
    QApplication::clipboard()->setText(m_outlierView->selectionAsText(&selected));
    showMessage(selected == 0 ? tr("Copied every outlier row.") : tr("Copied %n outlier row(s).", "", selected));
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
