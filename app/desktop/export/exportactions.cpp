#include "desktop/export/exportactions.h"

#include "chart/chartimage.h"
#include "chart/metricchartview.h"
#include "chart/wholefile.h"
#include "desktop/chartarea.h"
#include "desktop/detection/incidentspanel.h"
#include "desktop/models/incidenttablemodel.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/tabletext.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

#include <optional>
#include <utility>

namespace {

const char* kChartSizeKey = "export/chartSize";
const char* kScreen = "screen";
const char* kShown = "shown";

// "1600x900" (or with " x " or "×") as a size within what a picture can sensibly be; the same
// bounds as `outlierctl render --width/--height`.
std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{3,5})\\s*[x×X]\\s*(\\d{3,5})\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 200 || size.width() > 10000 || size.height() < 150 || size.height() > 10000)
        return std::nullopt;
    return size;
}

QString sizeText(QSize size)
{
    return QStringLiteral("%1 × %2").arg(size.width()).arg(size.height());
}

} // namespace

ExportActions::ExportActions(Sources sources, std::function<QString()> directory, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_sources(std::move(sources))
    , m_directory(std::move(directory))
    , m_dialogParent(dialogParent)
    , m_outliersAction(new QAction(tr("&Export Outliers..."), this))
    , m_incidentsAction(new QAction(tr("Export &Incidents..."), this))
    , m_chartAction(new QAction(tr("Export &Chart (PNG, SVG)..."), this))
    , m_sizeMenu(new QMenu(tr("Chart Export Si&ze"), dialogParent))
    , m_sizeGroup(new QActionGroup(this))
{
    m_outliersAction->setObjectName(QStringLiteral("exportAction"));
    m_outliersAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_outliersAction->setIcon(QIcon::fromTheme(
        QStringLiteral("document-export"), QIcon(QStringLiteral(":/icons/actions/document-export.svg"))));
    connect(m_outliersAction, &QAction::triggered, this, &ExportActions::exportOutliers);
    m_incidentsAction->setObjectName(QStringLiteral("exportIncidentsAction"));
    m_incidentsAction->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    connect(m_incidentsAction, &QAction::triggered, this, &ExportActions::exportIncidents);
    m_chartAction->setObjectName(QStringLiteral("exportChartAction"));
    m_chartAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_chartAction, &QAction::triggered, this, &ExportActions::exportChart);
    buildSizeMenu();
    if (!setChartSize(QSettings().value(kChartSizeKey).toString()))
        setChartSize(QStringLiteral("%1x%2").arg(kDefaultChartSize.width()).arg(kDefaultChartSize.height()));
}

void ExportActions::insertInto(QMenu* menu, QAction* before)
{
    menu->insertAction(before, m_outliersAction);
    menu->insertAction(before, m_incidentsAction);
    menu->insertAction(before, m_chartAction);
    menu->insertMenu(before, m_sizeMenu);
}

void ExportActions::buildSizeMenu()
{
    m_sizeMenu->setObjectName(QStringLiteral("chartSizeMenu"));
    m_sizeGroup->setExclusive(true);
    const auto add = [this](const QString& choice, const char* name) {
        QAction* action = m_sizeMenu->addAction(QString());
        action->setObjectName(QLatin1String(name));
        action->setCheckable(true);
        action->setData(choice);
        m_sizeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] { setChartSize(choice); });
    };
    // A picture for a ticket or a slide, whatever the window's size.
    add(QStringLiteral("%1x%2").arg(kDefaultChartSize.width()).arg(kDefaultChartSize.height()), "chartSizeDefault");
    add(QLatin1String(kScreen), "chartSizeScreen");
    add(QLatin1String(kShown), "chartSizeShown");
    m_sizeMenu->addSeparator();
    QAction* custom = m_sizeMenu->addAction(tr("&Other Size..."), this, &ExportActions::askCustomSize);
    custom->setObjectName(QStringLiteral("chartSizeCustom"));
    custom->setCheckable(true);
    m_sizeGroup->addAction(custom);
    // The screen and the window change: the labels say their size when the menu opens.
    connect(m_sizeMenu, &QMenu::aboutToShow, this, &ExportActions::updateSizeLabels);
    updateSizeLabels();
}

void ExportActions::updateSizeLabels()
{
    for (QAction* action : m_sizeGroup->actions()) {
        const QString choice = action->data().toString();
        if (choice == QLatin1String(kScreen)) {
            const QScreen* screen = m_dialogParent->screen();
            const qreal ratio = screen ? screen->devicePixelRatio() : 1.0;
            const QSize size = screen ? screen->size() : kDefaultChartSize;
            action->setText(tr("The &Screen's Size (%1 pixels)").arg(sizeText((size * ratio))));
        } else if (choice == QLatin1String(kShown)) {
            action->setText(tr("&As Shown (%1)").arg(sizeText(m_sources.charts->size())));
        } else if (const auto size = parseSize(choice)) {
            action->setText(size == kDefaultChartSize ? tr("&%1 (default)").arg(sizeText(*size)) : sizeText(*size));
        }
        action->setChecked(choice == m_sizeChoice);
    }
    // A remembered size of one's own is checked under "Other Size...".
    if (m_sizeGroup->checkedAction() == nullptr)
        m_sizeMenu->findChild<QAction*>(QStringLiteral("chartSizeCustom"))->setChecked(true);
}

bool ExportActions::setChartSize(const QString& choice)
{
    if (choice != QLatin1String(kScreen) && choice != QLatin1String(kShown) && !parseSize(choice))
        return false;
    m_sizeChoice = choice;
    QSettings().setValue(kChartSizeKey, choice);
    updateSizeLabels();
    return true;
}

void ExportActions::askCustomSize()
{
    const PictureSize now = chartSize();
    bool ok = false;
    const QString text = QInputDialog::getText(m_dialogParent, tr("Chart Export Size"),
        tr("Width x height in pixels (200 to 10000 wide, 150 to 10000 high):"), QLineEdit::Normal,
        QStringLiteral("%1x%2").arg(now.size.width()).arg(now.size.height()), &ok);
    if (ok && !setChartSize(text.trimmed()))
        emit message(tr("Not a size: '%1'. Write it as WIDTHxHEIGHT, e.g. 1920x1080.").arg(text), {}, true);
    updateSizeLabels();
}

ExportActions::PictureSize ExportActions::chartSize() const
{
    if (m_sizeChoice == QLatin1String(kScreen)) {
        // The screen's own pixels: laid out at its size in points, drawn at its pixel ratio.
        if (const QScreen* screen = m_dialogParent->screen())
            return { screen->size(), screen->devicePixelRatio() };
    } else if (m_sizeChoice == QLatin1String(kShown)) {
        return { m_sources.charts->size(), m_sources.charts->devicePixelRatioF() };
    } else if (const auto size = parseSize(m_sizeChoice)) {
        return { *size, 1.0 };
    }
    return { kDefaultChartSize, 1.0 };
}

ChartCaption ExportActions::caption() const
{
    ChartCaption caption;
    if (const DatasetPtr dataset = m_sources.dataset ? m_sources.dataset() : nullptr)
        caption.files = dataset->files;
    caption.method = m_sources.incidents->method();
    caption.fromMs = m_sources.charts->viewRange().first;
    caption.toMs = m_sources.charts->viewRange().second;
    caption.clock = m_sources.charts->singleChart()->timeDisplay();
    return caption;
}

QString ExportActions::startDirectory() const
{
    const QString last = m_directory ? m_directory() : QString();
    return last.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation) : last;
}

void ExportActions::reportWriteFailure(const QString& path, const QString& error)
{
    // The whole path: "outliers.csv" alone does not say which of a user's folders refused.
    emit message(tr("Could not write %1: %2. Nothing was changed there.").arg(QDir::toNativeSeparators(path), error),
        path, true);
}

void ExportActions::exportOutliers()
{
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Outliers"),
        startDirectory() + QStringLiteral("/outliers.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    // First lines "# " saying what the rows came from and how they were judged, as the
    // incidents' export does; the header row follows.
    QString text;
    if (const DatasetPtr dataset = m_sources.dataset ? m_sources.dataset() : nullptr)
        text += QStringLiteral("# outliers of %1\n").arg(dataset->files.join(QStringLiteral(", ")));
    if (const QString method = m_sources.incidents->method(); !method.isEmpty())
        text += QStringLiteral("# method: %1\n").arg(method);
    text += rowsAsCsv(*m_sources.outliers);
    QString error;
    if (!writeFileWhole(path, text.toUtf8(), &error)) {
        reportWriteFailure(path, error);
        return;
    }
    emit message(tr("Exported %n outlier row(s) to %1.", "", m_sources.outliers->rowCount()).arg(path), {}, false);
}

void ExportActions::exportIncidents()
{
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Incidents"),
        startDirectory() + QStringLiteral("/incidents.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_sources.incidents->exportCsv(path, &error)) {
        reportWriteFailure(path, error);
        return;
    }
    emit message(
        tr("Exported %n incident(s) to %1.", "", m_sources.incidents->model()->rowCount()).arg(path), {}, false);
}

void ExportActions::exportChart()
{
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG drawing (*.svg)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Chart"),
        startDirectory() + QStringLiteral("/chart.png"), png + QStringLiteral(";;") + svg, &filter);
    if (path.isEmpty())
        return;
    // The name decides the format; a name without .png or .svg gets the chosen filter's.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        path += filter == svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    // What is on screen (layout, zoom, band, theme and clock) laid out anew at the chosen size,
    // under a title line; the window itself does not move. Stacked, every chart is in it,
    // scrolled-away ones included.
    const PictureSize picture = chartSize();
    PictureOptions options;
    options.caption = captionText(caption());
    options.pixelRatio = picture.pixelRatio;
    options.minimumSize = picture.size;
    const auto copy = m_sources.charts->copyAt(QSize(picture.size.width(), picture.size.height() - captionHeight()));
    QString error;
    if (!saveCharts(copy->charts(), path, options, &error)) {
        reportWriteFailure(path, error);
        return;
    }
    emit message(tr("Saved the chart (%1) to %2.").arg(sizeText(picture.size), path), {}, false);
}
