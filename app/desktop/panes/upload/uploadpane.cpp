#include "desktop/panes/upload/uploadpane.h"

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"

#include "rpc/client/metrics_upload.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace {

QString countText(std::int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

QString averageText(double v)
{
    return QLocale().toString(v, 'g', 12);
}

// Both sides sum the same doubles; only the order of rounding may differ, and on a long series
// that moves the last digits. Anything beyond that is a real disagreement.
bool sameAverage(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({ 1.0, std::abs(a), std::abs(b) });
}

} // namespace

UploadPane::UploadPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_seriesCombo(new QComboBox(this))
    , m_uploadButton(new QPushButton(tr("&Upload"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_serverCount(new QLabel(this))
    , m_serverAverage(new QLabel(this))
    , m_localCount(new QLabel(this))
    , m_localAverage(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_localJob(this, 1)
{
    setObjectName(QStringLiteral("uploadPane"));
    setFocusProxy(m_seriesCombo); // Ctrl+1/2/3 land where one types
    m_seriesCombo->setObjectName(QStringLiteral("uploadSeriesCombo"));
    m_seriesCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_seriesCombo->setMinimumContentsLength(16);
    m_uploadButton->setObjectName(QStringLiteral("uploadButton"));
    m_cancelButton->setObjectName(QStringLiteral("uploadCancelButton"));
    m_progress->setObjectName(QStringLiteral("uploadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_verdict->setObjectName(QStringLiteral("uploadVerdict"));
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    for (QLabel* label : { m_serverCount, m_serverAverage, m_localCount, m_localAverage }) {
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setText(QStringLiteral("–"));
    }
    m_serverCount->setObjectName(QStringLiteral("uploadServerCount"));
    m_serverAverage->setObjectName(QStringLiteral("uploadServerAverage"));
    m_localCount->setObjectName(QStringLiteral("uploadLocalCount"));
    m_localAverage->setObjectName(QStringLiteral("uploadLocalAverage"));

    auto* top = new QHBoxLayout;
    auto* seriesLabel = new QLabel(tr("&Series"), this);
    seriesLabel->setBuddy(m_seriesCombo);
    top->addWidget(seriesLabel);
    top->addWidget(m_seriesCombo, 1);
    top->addWidget(m_uploadButton);
    top->addWidget(m_cancelButton);
    auto* figures = new QGridLayout;
    figures->addWidget(new QLabel(tr("<b>Count</b>"), this), 0, 1, Qt::AlignRight);
    figures->addWidget(new QLabel(tr("<b>Average</b>"), this), 0, 2, Qt::AlignRight);
    figures->addWidget(new QLabel(tr("Server"), this), 1, 0);
    figures->addWidget(m_serverCount, 1, 1);
    figures->addWidget(m_serverAverage, 1, 2);
    figures->addWidget(new QLabel(tr("Local"), this), 2, 0);
    figures->addWidget(m_localCount, 2, 1);
    figures->addWidget(m_localAverage, 2, 2);
    figures->setColumnStretch(1, 1);
    figures->setColumnStretch(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addLayout(figures);
    layout->addWidget(m_verdict);
    layout->addStretch(1);

    connect(m_uploadButton, &QPushButton::clicked, this, [this] { upload(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &UploadPane::cancel);

    setVerdict(tr("Open a CSV file, pick a series and press Upload: the server's count and average are "
                  "checked against the ones computed here."),
        0);
    updateButtons();
}

UploadPane::~UploadPane()
{
    if (m_upload)
        m_upload->cancel();
    // m_localJob waits for a sum over the series still in flight, over in milliseconds.
}

void UploadPane::setDataset(DatasetPtr dataset)
{
    const QString previous = m_seriesCombo->currentText();
    // A followed file that grew is the same data; anything else is another file, and the
    // figures of the one before would be read as this one's.
    const bool grown = m_dataset && dataset && m_dataset->lineage != 0 && m_dataset->lineage == dataset->lineage;
    if (!grown && m_dataset != dataset)
        dropResult();
    m_dataset = std::move(dataset);
    m_seriesCombo->clear();
    if (m_dataset) {
        for (const auto& series : m_dataset->series) {
            m_seriesCombo->addItem(
                tr("%1 (%2 points)").arg(QString::fromStdString(series.name), countText(std::int64_t(series.size()))));
        }
    }
    const int keep = m_seriesCombo->findText(previous);
    if (keep >= 0)
        m_seriesCombo->setCurrentIndex(keep);
    updateButtons();
}

void UploadPane::dropResult()
{
    if (m_upload) {
        m_upload->cancel();
        m_upload.reset();
    }
    ++m_uploadId; // whatever the call before still reports is ignored
    clearFigures();
    setVerdict(tr("Pick a series and press Upload: the server's count and average are checked against the ones "
                  "computed here."),
        0);
}

void UploadPane::clearFigures()
{
    m_server.reset();
    m_local.reset();
    m_serverDone = false;
    m_failure.clear();
    m_sent = 0;
    m_progress->setValue(0);
    showFigures();
}

UploadPane::Figures UploadPane::localFiguresOf(const od::Series& series)
{
    Figures f;
    long double sum = 0;
    for (const double v : series.values) {
        if (std::isnan(v))
            continue;
        ++f.count;
        sum += v;
    }
    f.average = f.count ? double(sum / static_cast<long double>(f.count)) : 0.0;
    return f;
}

void UploadPane::upload(int index)
{
    if (m_upload)
        return;
    if (index < 0)
        index = m_seriesCombo->currentIndex();
    if (!m_dataset || index < 0 || std::size_t(index) >= m_dataset->series.size()) {
        setVerdict(tr("No series to upload: open a CSV file first."), -1);
        return;
    }
    // Shares the dataset's ownership without copying the values: the series lives as long as
    // the dataset does, and the upload keeps the dataset alive until it ends.
    std::shared_ptr<const od::Series> series(m_dataset, &m_dataset->series[std::size_t(index)]);
    m_seriesName = QString::fromStdString(series->name);
    clearFigures();
    const quint64 id = ++m_uploadId;
    m_localJob.start([series](QPromise<Figures>& promise, CancelFlag&) { promise.addResult(localFiguresOf(*series)); },
        {},
        [this, id](const QFuture<Figures>& figures) {
            if (id != m_uploadId || figures.resultCount() == 0)
                return; // figures of a series no longer shown
            m_local = figures.result();
            showFigures();
            giveVerdict();
        });

    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    od::rpc::MetricsUpload::Callbacks callbacks;
    callbacks.progress = [toGui = m_toGui](std::int64_t sent, std::int64_t total) {
        toGui([sent, total](UploadPane* pane) { pane->onProgress(sent, total); });
    };
    callbacks.finished = [toGui = m_toGui, id](const od::rpc::UploadSummary& summary) {
        toGui([id, summary](UploadPane* pane) { pane->onFinished(id, summary); });
    };
    m_upload = od::rpc::MetricsUpload::start(
        m_channels->channelForCall(endpoint), std::move(series), std::move(callbacks), m_channels->callDeadline());
    setVerdict(tr("Uploading %1 to %2…").arg(m_seriesName, endpoint), 0);
    updateButtons();
}

void UploadPane::cancel()
{
    if (m_upload)
        m_upload->cancel(); // ends with CANCELLED, reported in onFinished
}

void UploadPane::onProgress(std::int64_t sent, std::int64_t total)
{
    if (!m_upload)
        return; // a late report of an upload that has already ended
    m_sent = sent;
    m_progress->setValue(total > 0 ? int(1000 * sent / total) : 1000);
}

void UploadPane::onFinished(quint64 id, const od::rpc::UploadSummary& summary)
{
    if (id != m_uploadId)
        return;
    m_upload.reset();
    m_serverDone = true;
    m_sent = summary.sent;
    if (summary.status.ok()) {
        m_server = Figures { summary.count, summary.average };
        m_progress->setValue(1000);
    } else {
        m_failure = QString::fromStdString(summary.status.toString());
    }
    showFigures();
    giveVerdict();
    updateButtons();
}

void UploadPane::giveVerdict()
{
    if (!m_serverDone || !m_local)
        return; // the other half is still on its way
    if (!m_failure.isEmpty()) {
        setVerdict(tr("Upload of %1 did not complete after %2 of %3 values: %4")
                       .arg(m_seriesName, countText(m_sent), countText(m_local->count), m_failure),
            -1);
        emit uploadFinished(false);
        return;
    }
    const bool countsAgree = m_server->count == m_local->count;
    const bool averagesAgree = sameAverage(m_server->average, m_local->average);
    if (countsAgree && averagesAgree) {
        setVerdict(tr("The server agrees: %1 values of %2, average %3.")
                       .arg(countText(m_local->count), m_seriesName, averageText(m_local->average)),
            1);
    } else {
        QStringList what;
        if (!countsAgree)
            what << tr("the server counted %1 values, %2 were sent")
                        .arg(countText(m_server->count), countText(m_local->count));
        if (!averagesAgree)
            what << tr("its average %1 differs from ours, %2, by %3")
                        .arg(averageText(m_server->average), averageText(m_local->average),
                            averageText(m_server->average - m_local->average));
        setVerdict(tr("The server's figures DIFFER from ours: %1.").arg(what.join(QStringLiteral("; "))), -1);
    }
    emit uploadFinished(countsAgree && averagesAgree);
}

void UploadPane::showFigures()
{
    const auto show = [](QLabel* count, QLabel* average, const std::optional<Figures>& f) {
        count->setText(f ? countText(f->count) : QStringLiteral("–"));
        average->setText(f ? averageText(f->average) : QStringLiteral("–"));
    };
    show(m_serverCount, m_serverAverage, m_server);
    show(m_localCount, m_localAverage, m_local);
}

QString UploadPane::verdictText() const
{
    return m_verdict->text();
}

void UploadPane::setVerdict(const QString& text, int tone)
{
    m_verdict->setText(text);
    m_verdict->setToolTip(text.toHtmlEscaped());
    const QPalette& colours = palette();
    m_verdict->setStyleSheet(tone == 0
            ? QString()
            : QStringLiteral("color: %1;").arg((tone > 0 ? okTextColour(colours) : errorTextColour(colours)).name()));
}

void UploadPane::updateButtons()
{
    const bool busy = m_upload != nullptr;
    m_uploadButton->setEnabled(!busy && m_seriesCombo->count() > 0);
    m_cancelButton->setEnabled(busy);
    m_seriesCombo->setEnabled(!busy);
}
