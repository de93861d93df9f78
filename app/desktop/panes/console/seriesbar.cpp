#include "desktop/panes/console/seriesbar.h"

#include "desktop/panes/console/consolememory.h"
#include "desktop/panes/console/seriessender.h"

#include "rpc/console/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace {

// Asks for the series again each time the list opens: the window's dataset may have changed.
class RefreshingCombo : public QComboBox
{
public:
    RefreshingCombo(std::function<void()> refresh, QWidget* parent)
        : QComboBox(parent)
        , m_refresh(std::move(refresh))
    { }
    void showPopup() override
    {
        m_refresh();
        QComboBox::showPopup();
    }

private:
    std::function<void()> m_refresh;
};

} // namespace

SeriesBar::SeriesBar(QWidget* parent)
    : QWidget(parent)
    , m_seriesCombo(new RefreshingCombo([this] { refreshSeries(); }, this))
    , m_fieldCombo(new QComboBox(this))
    , m_rateSpin(new QDoubleSpinBox(this))
    , m_halfCloseCheck(new QCheckBox(tr("then half-close"), this))
    , m_streamButton(new QPushButton(tr("Stream &Series"), this))
    , m_stopButton(new QPushButton(tr("Stop"), this))
    , m_progress(new QLabel(this))
    , m_sender(new SeriesSender(this))
{
    m_seriesCombo->setObjectName(QStringLiteral("streamSeriesCombo"));
    m_seriesCombo->setToolTip(tr("A series of the data open in the window"));
    m_seriesCombo->setMinimumContentsLength(12);
    m_fieldCombo->setObjectName(QStringLiteral("streamFieldCombo"));
    m_fieldCombo->setEditable(true);
    m_fieldCombo->setToolTip(tr("The numeric field of the request each value goes into; the rest of the request "
                                "is the editor's"));
    m_rateSpin->setObjectName(QStringLiteral("streamRateSpin"));
    m_rateSpin->setRange(0.1, 100000);
    m_rateSpin->setDecimals(1);
    m_rateSpin->setValue(10);
    m_rateSpin->setSuffix(tr(" msg/s"));
    m_halfCloseCheck->setObjectName(QStringLiteral("streamHalfCloseCheck"));
    m_halfCloseCheck->setChecked(true);
    m_halfCloseCheck->setToolTip(tr("When every value is sent, tell the server no more messages come"));
    m_streamButton->setObjectName(QStringLiteral("streamSeriesButton"));
    m_streamButton->setToolTip(tr("Send one message per value of the series, at the rate set (client-streaming and "
                                  "bidi methods)"));
    m_stopButton->setObjectName(QStringLiteral("stopSeriesButton"));
    m_stopButton->setToolTip(tr("Send no more values; the call stays open"));
    m_progress->setObjectName(QStringLiteral("streamProgress"));
    // Room for the longest count up front: the row must not shift as the count grows.
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(tr("9,999,999 / 9,999,999 sent")));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Series:"), this));
    layout->addWidget(m_seriesCombo, 1);
    layout->addWidget(new QLabel(tr("into"), this));
    layout->addWidget(m_fieldCombo, 1);
    layout->addWidget(new QLabel(tr("at"), this));
    layout->addWidget(m_rateSpin);
    layout->addWidget(m_halfCloseCheck);
    layout->addWidget(m_streamButton);
    layout->addWidget(m_stopButton);
    layout->addWidget(m_progress);

    connect(m_streamButton, &QPushButton::clicked, this, &SeriesBar::streamRequested);
    connect(m_stopButton, &QPushButton::clicked, m_sender, &SeriesSender::stop);
    connect(m_sender, &SeriesSender::progressed, this, [this](qulonglong sent, qulonglong total) {
        const QLocale locale;
        m_progress->setText(tr("%1 / %2 sent").arg(locale.toString(sent), locale.toString(total)));
    });
    connect(m_sender, &SeriesSender::ended, this, &SeriesBar::updateButtons);
    connect(m_sender, &SeriesSender::progressed, this, &SeriesBar::updateButtons);
    updateButtons();
}

void SeriesBar::showEvent(QShowEvent* event)
{
    refreshSeries();
    QWidget::showEvent(event);
}

void SeriesBar::setDatasetSource(std::function<DatasetPtr()> source)
{
    m_source = std::move(source);
    refreshSeries();
}

void SeriesBar::refreshSeries()
{
    m_dataset = m_source ? m_source() : nullptr;
    const QString previous = m_seriesCombo->currentData().toString();
    m_seriesCombo->clear();
    if (m_dataset) {
        const QLocale locale;
        for (const auto& series : m_dataset->series) {
            const QString name = QString::fromStdString(series.name);
            m_seriesCombo->addItem(tr("%1 (%2 values)").arg(name, locale.toString(qulonglong(series.size()))), name);
        }
    }
    if (!previous.isEmpty())
        selectSeries(previous);
    updateButtons();
}

od::Result<std::unique_ptr<od::rpc::NumberFiller>> SeriesBar::prepare(
    const google::protobuf::Message& prototype, const QString& request)
{
    refreshSeries();
    const od::Series* chosen = series();
    if (!chosen)
        return od::Error(tr("No series to stream: open a data file in the window first.").toStdString());
    auto filler = od::rpc::NumberFiller::make(prototype, request.toStdString(), fieldPath().toStdString());
    if (!filler)
        return filler.error();
    for (std::size_t i = 0; i < chosen->values.size(); ++i) {
        if (auto refused = filler->refuses(chosen->values[i])) {
            return od::Error(tr("Value %1 of %2 (%3) %4: nothing was sent.")
                                 .arg(i + 1)
                                 .arg(QString::fromStdString(chosen->name), QLocale().toString(chosen->values[i]),
                                     QString::fromStdString(*refused))
                                 .toStdString());
        }
    }
    return std::make_unique<od::rpc::NumberFiller>(std::move(*filler));
}

void SeriesBar::setMethod(const google::protobuf::Descriptor* requestType, bool clientStreams)
{
    m_clientStreams = requestType && clientStreams;
    refreshSeries(); // data may have been opened since the pane asked last
    const QString previous = m_fieldCombo->currentText();
    m_fieldCombo->clear();
    if (requestType) {
        for (const auto& path : od::rpc::numericFieldPaths(*requestType))
            m_fieldCombo->addItem(QString::fromStdString(path));
    }
    const int keep = m_fieldCombo->findText(previous);
    if (keep >= 0)
        m_fieldCombo->setCurrentIndex(keep);
    updateButtons();
}

bool SeriesBar::selectSeries(const QString& name)
{
    const int index = m_seriesCombo->findData(name);
    if (index < 0)
        return false;
    m_seriesCombo->setCurrentIndex(index);
    return true;
}

const od::Series* SeriesBar::series() const
{
    const int index = m_seriesCombo->currentIndex();
    if (!m_dataset || index < 0 || std::size_t(index) >= m_dataset->series.size())
        return nullptr;
    return &m_dataset->series[std::size_t(index)];
}

QString SeriesBar::fieldPath() const
{
    return m_fieldCombo->currentText().trimmed();
}

void SeriesBar::setFieldPath(const QString& path)
{
    m_fieldCombo->setCurrentText(path);
}

double SeriesBar::perSecond() const
{
    return m_rateSpin->value();
}

void SeriesBar::setPerSecond(double rate)
{
    m_rateSpin->setValue(rate);
}

bool SeriesBar::halfCloseWhenDone() const
{
    return m_halfCloseCheck->isChecked();
}

void SeriesBar::setHalfCloseWhenDone(bool on)
{
    m_halfCloseCheck->setChecked(on);
}

void SeriesBar::recall(const ConsoleMemory& memory)
{
    if (!memory.streamSeries.isEmpty())
        selectSeries(memory.streamSeries);
    if (const int field = m_fieldCombo->findText(memory.streamField); field >= 0)
        m_fieldCombo->setCurrentIndex(field);
    if (memory.streamRate > 0)
        setPerSecond(memory.streamRate);
    setHalfCloseWhenDone(memory.streamHalfClose);
}

void SeriesBar::store(ConsoleMemory& memory) const
{
    if (const od::Series* chosen = series())
        memory.streamSeries = QString::fromStdString(chosen->name);
    memory.streamField = fieldPath();
    memory.streamRate = perSecond();
    memory.streamHalfClose = halfCloseWhenDone();
}

void SeriesBar::setStreamable(bool can)
{
    m_streamable = can;
    updateButtons();
}

QString SeriesBar::progressText() const
{
    return m_progress->text();
}

void SeriesBar::updateButtons()
{
    const bool sending = m_sender->isSending();
    m_streamButton->setEnabled(m_clientStreams && m_streamable && !sending && m_seriesCombo->count() > 0);
    m_stopButton->setEnabled(sending);
    if (!m_clientStreams)
        m_streamButton->setToolTip(tr("For client-streaming and bidi methods"));
    else if (m_seriesCombo->count() == 0)
        m_streamButton->setToolTip(tr("Open a data file first: its series can be streamed"));
    else
        m_streamButton->setToolTip(tr("Send one message per value of the series, at the rate set"));
}
