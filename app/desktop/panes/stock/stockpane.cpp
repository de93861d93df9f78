#include "desktop/panes/stock/stockpane.h"

#include "chart/theme.h"

#include "desktop/panes/stock/stockchart.h"
#include "desktop/panes/stock/stockdetectorbar.h"
#include "desktop/panes/stock/stockfeed.h"
#include "desktop/panes/stock/stocksymbol.h"
#include "desktop/panes/stock/stocktable.h"
#include "desktop/panes/stock/tickinbox.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

const char* kReconnectKey = "stock/reconnect"; // true/false before ends could be chosen too
const char* kReconnectModeKey = "stock/reconnectMode"; // "never", "errors", "always"
const char* kSpanKey = "stock/spanSeconds";

} // namespace

StockPane::StockPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent)
    : QWidget(parent)
    , m_feed(new StockFeed(channels, std::move(endpoint), kTicksKept, this))
    , m_symbolEdit(new QLineEdit(this))
    , m_startButton(new QPushButton(tr("&Start"), this))
    , m_stopButton(new QPushButton(tr("S&top"), this))
    , m_stopAllButton(new QPushButton(tr("Stop &All"), this))
    , m_detectorBar(new StockDetectorBar(int(kTicksKept), this))
    , m_reconnectCombo(new QComboBox(this))
    , m_spanCombo(new QComboBox(this))
    , m_chart(new StockChart(this))
    , m_table(new StockTable(this))
    , m_messageLabel(new QLabel(this))
    , m_frameTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("stockPane"));
    setFocusProxy(m_symbolEdit); // Ctrl+1/2/3 land where one types
    m_symbolEdit->setObjectName(QStringLiteral("symbolEdit"));
    m_symbolEdit->setPlaceholderText(tr("Symbol, e.g. ACME"));
    m_symbolEdit->setClearButtonEnabled(true);
    m_startButton->setObjectName(QStringLiteral("stockStartButton"));
    m_stopButton->setObjectName(QStringLiteral("stockStopButton"));
    m_stopAllButton->setObjectName(QStringLiteral("stockStopAllButton"));

    m_reconnectCombo->setObjectName(QStringLiteral("stockReconnectCombo"));
    m_reconnectCombo->addItem(tr("No reconnect"), int(StockFeed::Reconnect::Never));
    m_reconnectCombo->addItem(tr("Reconnect on errors"), int(StockFeed::Reconnect::AfterErrors));
    m_reconnectCombo->addItem(tr("Reconnect on errors and ends"), int(StockFeed::Reconnect::Always));
    m_reconnectCombo->setToolTip(
        tr("Start a stream again when it fails, or also when the server ends it (some servers end every stream "
           "after a few prices; that is normal, not an error). The first retry waits 1 s, each next one twice as "
           "long up to 30 s; a price that arrives starts the count over. Stop cancels a pending retry."));
    m_spanCombo->setObjectName(QStringLiteral("stockSpanCombo"));
    for (const int seconds : { 10, 30, 60, 300 })
        m_spanCombo->addItem(seconds < 60 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60), seconds);
    m_spanCombo->setToolTip(tr("How much time the chart shows."));

    m_messageLabel->setObjectName(QStringLiteral("stockMessage"));
    m_messageLabel->setTextFormat(Qt::PlainText); // a server's message is data, not markup
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_symbolEdit, 1);
    controls->addWidget(m_startButton);
    controls->addWidget(m_stopButton);
    controls->addWidget(m_stopAllButton);
    controls->addWidget(m_spanCombo);
    auto* options = new QHBoxLayout;
    options->addWidget(m_detectorBar);
    options->addStretch(1);
    auto* reconnectRow = new QHBoxLayout;
    reconnectRow->addWidget(m_reconnectCombo);
    reconnectRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addLayout(options);
    layout->addLayout(reconnectRow);
    layout->addWidget(m_chart, 3);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_messageLabel);

    const QSettings settings;
    m_feed->setDetector(m_detectorBar->settings());
    const QString mode = settings.value(kReconnectModeKey).toString();
    if (mode == QLatin1String("always"))
        setReconnectPolicy(StockFeed::Reconnect::Always);
    else if (mode == QLatin1String("errors") || (mode.isEmpty() && settings.value(kReconnectKey, false).toBool()))
        setReconnectPolicy(StockFeed::Reconnect::AfterErrors);
    else
        setReconnectPolicy(StockFeed::Reconnect::Never);
    m_spanCombo->setCurrentIndex(std::max(0, m_spanCombo->findData(settings.value(kSpanKey, 30).toInt())));
    m_chart->setSpanSeconds(m_spanCombo->currentData().toInt());

    connect(m_symbolEdit, &QLineEdit::returnPressed, this, [this] { start(m_symbolEdit->text()); });
    connect(m_symbolEdit, &QLineEdit::textChanged, this, &StockPane::updateButtons);
    connect(m_startButton, &QPushButton::clicked, this, [this] { start(m_symbolEdit->text()); });
    connect(m_stopButton, &QPushButton::clicked, this, [this] { stop(m_symbolEdit->text()); });
    connect(m_stopAllButton, &QPushButton::clicked, this, &StockPane::stopAll);
    connect(m_detectorBar, &StockDetectorBar::settingsChanged, this, &StockPane::applyDetector);
    connect(m_reconnectCombo, &QComboBox::activated, this,
        [this] { setReconnectPolicy(StockFeed::Reconnect(m_reconnectCombo->currentData().toInt())); });
    connect(m_spanCombo, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSpanKey, m_spanCombo->currentData().toInt());
        m_chart->setSpanSeconds(m_spanCombo->currentData().toInt());
        for (auto& symbol : m_feed->symbols())
            symbol->dirty = true;
        m_frameTimer->start();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < int(m_feed->symbols().size()))
            m_symbolEdit->setText(m_feed->symbols()[std::size_t(row)]->name);
    });

    connect(m_feed, &StockFeed::symbolAdded, this, &StockPane::onSymbolAdded);
    connect(
        m_feed, &StockFeed::stateChanged, this, [this](StockSymbol* symbol) { m_table->updateRow(*symbol, false); });
    connect(m_feed, &StockFeed::message, this, &StockPane::showMessage);
    connect(m_feed, &StockFeed::streamStarted, this, [this] {
        if (!m_frameTimer->isActive())
            m_frameTimer->start();
        updateButtons();
    });
    connect(m_feed, &StockFeed::streamFinished, this, [this](StockSymbol* symbol, int code) {
        m_frameTimer->start(); // a last frame draws the final ticks and rates
        // The feed has just said why; a stream given up for want of its server is a message
        // that stops holding once the channel is ready again.
        if (code == UnreachableWatch::kUnavailableCode && symbol->phase == StockSymbol::Phase::Failed)
            m_unreachable.watch(symbol->endpoint);
        updateButtons();
        emit streamFinished(symbol->name, code);
    });
    m_frameTimer->setInterval(kFrameMs);
    connect(m_frameTimer, &QTimer::timeout, this, &StockPane::onFrame);

    showMessage(tr("Type a symbol and press Start; several symbols can stream at once."));
    updateButtons();
}

StockPane::~StockPane() = default; // the feed, a child, cancels the streams

void StockPane::start(const QString& text)
{
    const QString name = text.trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type a symbol first."));
        return;
    }
    StockSymbol* symbol = m_feed->find(name);
    if (symbol && (symbol->phase == StockSymbol::Phase::Live || symbol->phase == StockSymbol::Phase::Stopping))
        return;
    if (!symbol)
        symbol = &m_feed->add(name);
    m_feed->start(*symbol);
    m_table->updateRow(*symbol, false);
    updateButtons();
}

void StockPane::onSymbolAdded(StockSymbol* symbol)
{
    // The main chart's palette (its light hues), so a symbol looks like a series there.
    const QColor colour = seriesColour(m_feed->symbols().size() - 1, false);
    m_chart->addSymbol(*symbol, colour);
    m_table->addSymbol(*symbol, colour);
}

void StockPane::stop(const QString& name)
{
    if (StockSymbol* symbol = m_feed->find(name))
        m_feed->stop(*symbol);
    updateButtons();
}

void StockPane::stopAll()
{
    for (const auto& symbol : m_feed->symbols())
        m_feed->stop(*symbol);
    updateButtons();
}

void StockPane::setDetector(const od::OnlineSettings& settings)
{
    if (settings == m_feed->detector())
        return;
    applyDetector(m_detectorBar->setSettings(settings));
}

void StockPane::setDetector(int window, double k)
{
    od::OnlineSettings settings = m_feed->detector();
    settings.window = std::size_t(std::max(0, window));
    settings.threshold = k;
    setDetector(settings);
}

od::OnlineSettings StockPane::detector() const
{
    return m_feed->detector();
}

void StockPane::applyDetector(const od::OnlineSettings& settings)
{
    if (settings == m_feed->detector())
        return;
    m_feed->setDetector(settings);
    for (auto& symbol : m_feed->symbols())
        m_table->updateRow(*symbol, false);
    if (!m_feed->symbols().empty()) {
        showMessage(tr("Ticks are now judged by %1; the ticks each line keeps were judged again, so the markers "
                       "and Unusual counts follow the new setting.")
                        .arg(StockDetectorBar::describe(settings)));
    }
    m_frameTimer->start(); // one frame at least, to redraw the markers
}

void StockPane::setReconnect(bool on)
{
    setReconnectPolicy(on ? StockFeed::Reconnect::AfterErrors : StockFeed::Reconnect::Never);
}

void StockPane::setReconnectPolicy(StockFeed::Reconnect policy)
{
    m_feed->setReconnect(policy);
    m_reconnectCombo->setCurrentIndex(std::max(0, m_reconnectCombo->findData(int(policy))));
    const char* names[] = { "never", "errors", "always" };
    QSettings settings;
    settings.setValue(kReconnectModeKey, QString::fromLatin1(names[int(policy)]));
    settings.setValue(kReconnectKey, policy != StockFeed::Reconnect::Never);
}

StockFeed::Reconnect StockPane::reconnectPolicy() const
{
    return m_feed->reconnect();
}

void StockPane::onFrame()
{
    const double newestMs = m_feed->drain();
    const bool live = m_feed->anyRunning();
    const double right = live ? liveClockMs() : newestMs;
    const auto& symbols = m_feed->symbols();
    bool painted = false;
    if (right > 0) {
        const double from = right - m_chart->spanMs();
        for (auto& symbol : symbols) {
            if (symbol->dirty) {
                m_chart->redraw(*symbol, from, right, symbols.size());
                painted = true;
            }
        }
        if (live || painted)
            m_chart->updateAxes(right, symbols);
    }
    // The figures change with every tick, but nobody reads a number that changes 30 times a
    // second, and each update repaints the table: they follow at most 4 times a second.
    const qint64 wall = qint64(liveClockMs());
    const bool rateDue = wall - m_lastRateMs >= 1000;
    const bool figuresDue = rateDue || wall - m_lastFiguresMs >= 250;
    for (auto& symbol : symbols) {
        symbol->dirty = false;
        if (rateDue) {
            const double seconds = m_lastRateMs ? double(wall - m_lastRateMs) / 1000.0 : 1.0;
            const qint64 received = symbol->series.received();
            symbol->rate = double(received - symbol->ticksAtLastRate) / seconds;
            symbol->ticksAtLastRate = received;
        }
        if (rateDue || (figuresDue && symbol->rowDirty)) {
            m_table->updateRow(*symbol, rateDue);
            symbol->rowDirty = false;
        }
    }
    if (rateDue)
        m_lastRateMs = wall;
    if (figuresDue)
        m_lastFiguresMs = wall;
    if (!live) {
        // Nothing can arrive any more; one last rate update shows 0 rather than a stale figure.
        for (auto& symbol : symbols) {
            symbol->rate = 0;
            m_table->updateRow(*symbol, true);
        }
        m_frameTimer->stop();
    }
    if (painted)
        emit framePainted();
}

void StockPane::showMessage(const QString& text, bool isError)
{
    m_unreachable.forget();
    m_messageLabel->setText(text);
    m_messageLabel->setToolTip(text);
    m_messageLabel->setStyleSheet(
        isError ? QStringLiteral("color: %1;").arg(errorTextColour(palette()).name()) : QString());
}

void StockPane::channelStateChanged(const QString& endpoint, const QString& state)
{
    if (!m_unreachable.readyAgain(endpoint, state))
        return;
    const QString before = m_messageLabel->text();
    showMessage(tr("%1 is reachable now; a stream to it had failed. Press Start to stream again.").arg(endpoint));
    m_messageLabel->setToolTip(tr("Before the channel became ready: %1").arg(before));
}

void StockPane::updateButtons()
{
    const StockSymbol* symbol = m_feed->find(m_symbolEdit->text());
    const bool running = symbol && symbol->running();
    m_startButton->setEnabled(!m_symbolEdit->text().trimmed().isEmpty() && !running);
    m_stopButton->setEnabled(running && symbol->phase != StockSymbol::Phase::Stopping);
    m_stopAllButton->setEnabled(m_feed->anyRunning());
}

QStringList StockPane::symbols() const
{
    QStringList names;
    for (const auto& symbol : m_feed->symbols())
        names << symbol->name;
    return names;
}

bool StockPane::isStreaming(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol && symbol->phase == StockSymbol::Phase::Live;
}

QString StockPane::stateText(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol ? symbol->state : QString();
}

QString StockPane::statusText() const
{
    return m_messageLabel->text();
}

qint64 StockPane::ticksReceived(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol ? symbol->series.received() : 0;
}

qint64 StockPane::ticksReceived() const
{
    qint64 total = 0;
    for (const auto& symbol : m_feed->symbols())
        total += symbol->series.received();
    return total;
}

QLineSeries* StockPane::lineSeries(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol ? symbol->line : nullptr;
}

const LiveSeries* StockPane::liveSeries(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol ? &symbol->series : nullptr;
}

QScatterSeries* StockPane::markerSeries(const QString& name) const
{
    const StockSymbol* symbol = m_feed->find(name);
    return symbol ? symbol->markers : nullptr;
}

QChartView* StockPane::chartView() const
{
    return m_chart;
}
