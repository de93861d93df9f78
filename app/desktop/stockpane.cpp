#include "stockpane.h"

#include "channelprovider.h"
#include "guithread.h"
#include "liveseries.h"

#include "core/decimate.h"
#include "rpc/stock_stream.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>

namespace {

// The main chart's palette, so a symbol looks like a series there.
const QColor kLineColours[]
    = { QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd), QColor(0x17, 0xbe, 0xcf),
          QColor(0x8c, 0x56, 0x4b), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x39, 0x3b, 0x79) };
const QColor kOutlierColour(0xe0, 0x10, 0x10);

const char* kKKey = "stock/threshold";
const char* kWindowKey = "stock/window";
const char* kReconnectKey = "stock/reconnect";
const char* kSpanKey = "stock/spanSeconds";

constexpr int kFirstBackoffMs = 1000;
constexpr int kMaxBackoffMs = 30'000;

enum Column { SymbolColumn, LastColumn, ChangeColumn, RateColumn, UnusualColumn, StateColumn, ColumnCount };

// Wall-clock milliseconds for the time axis, advanced by the steady clock: ticks stay in
// arrival order even if the system clock is set back while streaming. Any thread.
double nowMs()
{
    using namespace std::chrono;
    static const auto steadyStart = steady_clock::now();
    static const double epochStartMs = duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
    return epochStartMs + duration<double, std::milli>(steady_clock::now() - steadyStart).count();
}

} // namespace

// Where gRPC threads leave ticks for the GUI thread. Shared with the streams' callbacks, so it
// outlives the pane when a stream finishes after the pane is gone.
struct StockPane::Inbox
{
    struct Tick
    {
        quint64 stream;
        double timeMs;
        double price;
    };

    // If the GUI thread stalls for many seconds the inbox stops growing here; ticks beyond it
    // are counted as dropped rather than held without bound.
    static constexpr std::size_t kMaxWaiting = 20 * kTicksKept;

    void push(quint64 stream, double price)
    {
        const double t = nowMs();
        std::lock_guard lock(mutex);
        if (ticks.size() >= kMaxWaiting) {
            ++dropped;
            return;
        }
        ticks.push_back({ stream, t, price });
    }

    std::mutex mutex;
    std::vector<Tick> ticks;
    std::size_t dropped = 0;
};

struct StockPane::Symbol
{
    enum class Phase { Live, Stopping, Stopped, Ended, Failed, Reconnecting };

    Symbol(QString name_, std::size_t window, double k)
        : name(std::move(name_))
        , series(kTicksKept, window, k)
    { }

    QString name;
    LiveSeries series;
    QLineSeries* line = nullptr;
    QScatterSeries* markers = nullptr;
    std::shared_ptr<od::rpc::StockStream> stream;
    quint64 streamId = 0;
    Phase phase = Phase::Stopped;
    QString state;
    bool dirty = false; // new ticks or settings: redraw the line on the next frame
    bool rowDirty = false; // new ticks: update the figures in the table when they are due
    int backoffMs = 0;
    qint64 ticksThisStream = 0;
    qint64 ticksAtLastRate = 0;
    double rate = 0;
    double visibleMin = std::numeric_limits<double>::quiet_NaN();
    double visibleMax = std::numeric_limits<double>::quiet_NaN();
    int row = 0;
};

StockPane::StockPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_inbox(std::make_shared<Inbox>())
    , m_symbolEdit(new QLineEdit(this))
    , m_startButton(new QPushButton(tr("&Start"), this))
    , m_stopButton(new QPushButton(tr("S&top"), this))
    , m_stopAllButton(new QPushButton(tr("Stop &All"), this))
    , m_kSpin(new QDoubleSpinBox(this))
    , m_windowSpin(new QSpinBox(this))
    , m_reconnectBox(new QCheckBox(tr("&Reconnect"), this))
    , m_spanCombo(new QComboBox(this))
    , m_chartView(new QChartView(new QChart, this))
    , m_chart(m_chartView->chart())
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart))
    , m_table(new QTableWidget(0, ColumnCount, this))
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

    m_kSpin->setObjectName(QStringLiteral("stockThresholdSpin"));
    m_kSpin->setRange(0.5, 50);
    m_kSpin->setDecimals(1);
    m_kSpin->setSingleStep(0.5);
    m_kSpin->setSuffix(QStringLiteral(" σ"));
    m_kSpin->setToolTip(tr("A tick is unusual when it is more than this many standard deviations from the mean "
                           "of the ticks before it (rolling z-score)."));
    m_windowSpin->setObjectName(QStringLiteral("stockWindowSpin"));
    m_windowSpin->setRange(2, int(kTicksKept));
    m_windowSpin->setToolTip(tr("How many ticks before each one it is judged against."));
    m_reconnectBox->setObjectName(QStringLiteral("stockReconnectBox"));
    m_reconnectBox->setToolTip(tr("After an error, start the stream again, waiting 1 s, 2 s, 4 s ... up to 30 s."));
    m_spanCombo->setObjectName(QStringLiteral("stockSpanCombo"));
    for (const int seconds : { 10, 30, 60, 300 })
        m_spanCombo->addItem(seconds < 60 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60), seconds);
    m_spanCombo->setToolTip(tr("How much time the chart shows."));

    m_chart->setMargins(QMargins(2, 2, 8, 2));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(5);
    m_timeAxis->setTitleText(tr("Local time"));
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_valueAxis->setTickCount(5);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = qint64(nowMs());
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - 30'000), QDateTime::fromMSecsSinceEpoch(now));
    m_valueAxis->setRange(0, 1);
    m_chartView->setObjectName(QStringLiteral("stockChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(200);

    m_table->setObjectName(QStringLiteral("stockTable"));
    m_table->setHorizontalHeaderLabels(
        { tr("Symbol"), tr("Last"), tr("Change"), tr("Ticks/s"), tr("Unusual"), tr("State") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setMaximumHeight(6 * (m_table->fontMetrics().height() + 6) + 8);
    m_table->setWordWrap(false);

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
    auto* options = new QHBoxLayout;
    auto* kLabel = new QLabel(tr("Unusual beyond"), this);
    kLabel->setBuddy(m_kSpin);
    options->addWidget(kLabel);
    options->addWidget(m_kSpin);
    auto* windowLabel = new QLabel(tr("over"), this);
    windowLabel->setBuddy(m_windowSpin);
    options->addWidget(windowLabel);
    options->addWidget(m_windowSpin);
    options->addWidget(new QLabel(tr("ticks"), this));
    options->addStretch(1);
    options->addWidget(m_spanCombo);
    options->addWidget(m_reconnectBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addLayout(options);
    layout->addWidget(m_chartView, 3);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_messageLabel);

    const QSettings settings;
    m_k = std::clamp(settings.value(kKKey, m_k).toDouble(), m_kSpin->minimum(), m_kSpin->maximum());
    m_window
        = std::clamp(settings.value(kWindowKey, m_window).toInt(), m_windowSpin->minimum(), m_windowSpin->maximum());
    m_reconnect = settings.value(kReconnectKey, false).toBool();
    m_kSpin->setValue(m_k);
    m_windowSpin->setValue(m_window);
    m_reconnectBox->setChecked(m_reconnect);
    m_spanCombo->setCurrentIndex(std::max(0, m_spanCombo->findData(settings.value(kSpanKey, 30).toInt())));
    updateTimeTicks();

    connect(m_symbolEdit, &QLineEdit::returnPressed, this, [this] { start(m_symbolEdit->text()); });
    connect(m_symbolEdit, &QLineEdit::textChanged, this, &StockPane::updateButtons);
    connect(m_startButton, &QPushButton::clicked, this, [this] { start(m_symbolEdit->text()); });
    connect(m_stopButton, &QPushButton::clicked, this, [this] { stop(m_symbolEdit->text()); });
    connect(m_stopAllButton, &QPushButton::clicked, this, &StockPane::stopAll);
    connect(m_kSpin, &QDoubleSpinBox::valueChanged, this, [this](double k) { setDetector(m_window, k); });
    connect(m_windowSpin, &QSpinBox::valueChanged, this, [this](int window) { setDetector(window, m_k); });
    connect(m_reconnectBox, &QCheckBox::toggled, this, &StockPane::setReconnect);
    connect(m_spanCombo, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSpanKey, m_spanCombo->currentData().toInt());
        updateTimeTicks();
        for (auto& symbol : m_symbols)
            symbol->dirty = true;
        m_frameTimer->start();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < int(m_symbols.size()))
            m_symbolEdit->setText(m_symbols[std::size_t(row)]->name);
    });
    connect(m_chart, &QChart::plotAreaChanged, this, &StockPane::updateTimeTicks);
    m_frameTimer->setInterval(kFrameMs);
    connect(m_frameTimer, &QTimer::timeout, this, &StockPane::onFrame);

    showMessage(tr("Type a symbol and press Start; several symbols can stream at once."));
    updateButtons();
}

StockPane::~StockPane()
{
    // The streams finish on their own threads; their callbacks find the pane gone and only
    // touch the shared inbox.
    for (auto& symbol : m_symbols) {
        if (symbol->stream)
            symbol->stream->cancel();
    }
}

StockPane::Symbol* StockPane::find(const QString& name) const
{
    const QString key = name.trimmed();
    for (const auto& symbol : m_symbols) {
        if (symbol->name == key)
            return symbol.get();
    }
    return nullptr;
}

void StockPane::start(const QString& text)
{
    const QString name = text.trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type a symbol first."));
        return;
    }
    Symbol* symbol = find(name);
    if (symbol && (symbol->phase == Symbol::Phase::Live || symbol->phase == Symbol::Phase::Stopping))
        return;
    if (!symbol) {
        auto created = std::make_unique<Symbol>(name, std::size_t(m_window), m_k);
        symbol = created.get();
        const QColor colour = kLineColours[m_symbols.size() % std::size(kLineColours)];
        symbol->line = new QLineSeries(m_chart);
        symbol->line->setName(name);
        // Width 1: wider pens take Qt's general stroker, several times slower per point.
        symbol->line->setPen(QPen(colour, 1.0));
        symbol->markers = new QScatterSeries(m_chart);
        symbol->markers->setName(tr("%1 unusual").arg(name));
        symbol->markers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        symbol->markers->setMarkerSize(8);
        symbol->markers->setColor(kOutlierColour);
        symbol->markers->setBorderColor(kOutlierColour.darker(130));
        for (QXYSeries* series : { static_cast<QXYSeries*>(symbol->line), static_cast<QXYSeries*>(symbol->markers) }) {
            m_chart->addSeries(series);
            series->attachAxis(m_timeAxis);
            series->attachAxis(m_valueAxis);
        }
        for (QLegendMarker* marker : m_chart->legend()->markers(symbol->markers))
            marker->setVisible(false); // red markers explain themselves; the legend lists symbols

        symbol->row = m_table->rowCount();
        m_table->insertRow(symbol->row);
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem;
            if (c != SymbolColumn && c != StateColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(symbol->row, c, item);
        }
        m_table->item(symbol->row, SymbolColumn)->setText(name);
        m_table->item(symbol->row, SymbolColumn)->setData(Qt::DecorationRole, colour);
        m_symbols.push_back(std::move(created));
    }
    symbol->backoffMs = 0;
    beginStream(*symbol);
    updateRow(*symbol, false);
    updateButtons();
}

void StockPane::beginStream(Symbol& symbol)
{
    const QString endpoint = m_endpoint ? m_endpoint().trimmed() : QString();
    const quint64 id = m_nextStreamId++;
    symbol.streamId = id;
    symbol.ticksThisStream = 0;
    symbol.phase = Symbol::Phase::Live;

    od::rpc::StockStream::Callbacks callbacks;
    callbacks.tick = [inbox = m_inbox, id](const od::rpc::StockTick& tick) { inbox->push(id, tick.price); };
    callbacks.finished = [self = QPointer<StockPane>(this), id](const od::rpc::RpcStatus& status) {
        postToGui(self, [id, status](StockPane* pane) { pane->onStreamFinished(id, status); });
    };
    symbol.stream = od::rpc::StockStream::start(m_channels->channel(endpoint), symbol.name.toStdString(), callbacks);
    setState(symbol, tr("live"));
    showMessage(tr("%1: streaming from %2").arg(symbol.name, endpoint));
    if (!m_frameTimer->isActive())
        m_frameTimer->start();
}

void StockPane::stop(const QString& name)
{
    Symbol* symbol = find(name);
    if (!symbol)
        return;
    if (symbol->phase == Symbol::Phase::Reconnecting) {
        symbol->phase = Symbol::Phase::Stopped; // the pending retry sees this and does nothing
        setState(*symbol, tr("stopped"));
        showMessage(tr("%1: stopped; no more reconnects").arg(symbol->name));
    } else if (symbol->phase == Symbol::Phase::Live && symbol->stream) {
        symbol->phase = Symbol::Phase::Stopping;
        setState(*symbol, tr("stopping…"));
        symbol->stream->cancel(); // finishes with CANCELLED on a gRPC thread, reported below
    }
    updateButtons();
}

void StockPane::stopAll()
{
    for (const auto& symbol : m_symbols)
        stop(symbol->name);
}

void StockPane::setDetector(int window, double k)
{
    window = std::clamp(window, m_windowSpin->minimum(), m_windowSpin->maximum());
    if (window == m_window && k == m_k)
        return;
    m_window = window;
    m_k = k;
    {
        const QSignalBlocker blockK(m_kSpin);
        const QSignalBlocker blockWindow(m_windowSpin);
        m_kSpin->setValue(k);
        m_windowSpin->setValue(window);
    }
    QSettings settings;
    settings.setValue(kKKey, k);
    settings.setValue(kWindowKey, window);
    drain();
    for (auto& symbol : m_symbols) {
        symbol->series.setDetector(std::size_t(window), k);
        symbol->dirty = true;
        updateRow(*symbol, false);
    }
    m_frameTimer->start(); // one frame at least, to redraw the markers
}

void StockPane::setReconnect(bool on)
{
    m_reconnect = on;
    if (m_reconnectBox->isChecked() != on)
        m_reconnectBox->setChecked(on);
    QSettings().setValue(kReconnectKey, on);
}

void StockPane::drain()
{
    std::vector<Inbox::Tick> ticks;
    std::size_t dropped = 0;
    {
        std::lock_guard lock(m_inbox->mutex);
        ticks.swap(m_inbox->ticks);
        std::swap(dropped, m_inbox->dropped);
    }
    Symbol* symbol = nullptr;
    for (const auto& tick : ticks) {
        if (!symbol || symbol->streamId != tick.stream) {
            symbol = nullptr;
            for (const auto& s : m_symbols) {
                if (s->streamId == tick.stream)
                    symbol = s.get();
            }
            if (!symbol)
                continue; // a stream superseded by a restart: its last ticks are stale
        }
        symbol->series.push(tick.timeMs, tick.price);
        ++symbol->ticksThisStream;
        symbol->backoffMs = 0; // the server answers again: the next failure starts over at 1 s
        symbol->dirty = true;
        symbol->rowDirty = true;
        m_newestMs = std::max(m_newestMs, tick.timeMs);
    }
    if (dropped)
        showMessage(tr("%1 ticks were dropped while the display was busy").arg(dropped), true);
}

void StockPane::onFrame()
{
    drain();
    const bool live = anyStreaming();
    const double right = live ? nowMs() : m_newestMs;
    bool painted = false;
    if (right > 0) {
        const double from = right - spanMs();
        for (auto& symbol : m_symbols) {
            if (symbol->dirty) {
                redraw(*symbol, from, right);
                painted = true;
            }
        }
        if (live || painted)
            updateAxes(right);
    }
    // The figures change with every tick, but nobody reads a number that changes 30 times a
    // second, and each update repaints the table: they follow at most 4 times a second.
    const qint64 wall = qint64(nowMs());
    const bool rateDue = wall - m_lastRateMs >= 1000;
    const bool figuresDue = rateDue || wall - m_lastFiguresMs >= 250;
    for (auto& symbol : m_symbols) {
        symbol->dirty = false;
        if (rateDue) {
            const double seconds = m_lastRateMs ? double(wall - m_lastRateMs) / 1000.0 : 1.0;
            const qint64 received = symbol->series.received();
            symbol->rate = double(received - symbol->ticksAtLastRate) / seconds;
            symbol->ticksAtLastRate = received;
        }
        if (rateDue || (figuresDue && symbol->rowDirty)) {
            updateRow(*symbol, rateDue);
            symbol->rowDirty = false;
        }
    }
    if (rateDue)
        m_lastRateMs = wall;
    if (figuresDue)
        m_lastFiguresMs = wall;
    if (!live) {
        // Nothing can arrive any more; one last rate update shows 0 rather than a stale figure.
        for (auto& symbol : m_symbols) {
            symbol->rate = 0;
            updateRow(*symbol, true);
        }
        m_frameTimer->stop();
    }
    if (painted)
        emit framePainted();
}

void StockPane::redraw(Symbol& symbol, double fromMs, double toMs)
{
    const auto times = symbol.series.times();
    const auto prices = symbol.series.prices();
    // One tick before the left edge, so the line enters from the border instead of starting inside.
    std::size_t begin = std::size_t(std::lower_bound(times.begin(), times.end(), fromMs) - times.begin());
    if (begin > 0)
        --begin;
    const std::size_t end = times.size();
    const std::vector<std::size_t> outliers = symbol.series.outlierPositions();
    // Qt Charts spends a few microseconds per point on every frame (mapping, and stroking the
    // line's shape), so the points of all lines together stay within a budget: one line gets a
    // min/max pair per pixel column, many lines share the budget and get coarser.
    const double perLine = double(kPointBudget) / (4.0 * double(std::max<std::size_t>(1, m_symbols.size())));
    const auto columns = std::size_t(std::clamp(perLine, 16.0, std::max(16.0, m_chart->plotArea().width())));
    const std::vector<std::size_t> shown = od::decimateMinMax(prices, begin, end, columns, outliers);

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    QList<QPointF> points;
    points.reserve(qsizetype(shown.size()));
    for (const std::size_t i : shown) {
        points.append(QPointF(times[i], prices[i]));
        if (times[i] >= fromMs && times[i] <= toMs) {
            lo = std::min(lo, prices[i]);
            hi = std::max(hi, prices[i]);
        }
    }
    QList<QPointF> marks;
    for (const std::size_t i : outliers) {
        if (i >= begin)
            marks.append(QPointF(times[i], prices[i]));
    }
    symbol.line->replace(points);
    symbol.markers->replace(marks);
    symbol.visibleMin = lo <= hi ? lo : std::numeric_limits<double>::quiet_NaN();
    symbol.visibleMax = lo <= hi ? hi : std::numeric_limits<double>::quiet_NaN();
}

void StockPane::updateAxes(double rightMs)
{
    m_timeAxis->setRange(
        QDateTime::fromMSecsSinceEpoch(qint64(rightMs - spanMs())), QDateTime::fromMSecsSinceEpoch(qint64(rightMs)));
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& symbol : m_symbols) {
        if (!std::isnan(symbol->visibleMin)) {
            lo = std::min(lo, symbol->visibleMin);
            hi = std::max(hi, symbol->visibleMax);
        }
    }
    if (lo > hi)
        return; // nothing visible: keep the last range rather than jump
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(1.0, std::abs(hi) * 0.01);
    m_valueAxis->setRange(lo - pad, hi + pad);
    m_valueAxis->applyNiceNumbers(); // ticks at 500, 520, ... rather than at 492.39, 521.27, ...
}

void StockPane::updateRow(Symbol& symbol, bool withRate)
{
    const QLocale locale;
    const auto& series = symbol.series;
    if (series.received() > 0) {
        const double change = series.lastPrice() - series.firstPrice();
        const double percent = series.firstPrice() != 0 ? 100.0 * change / series.firstPrice() : 0.0;
        m_table->item(symbol.row, LastColumn)->setText(locale.toString(series.lastPrice(), 'f', 2));
        auto* changeItem = m_table->item(symbol.row, ChangeColumn);
        changeItem->setText(QStringLiteral("%1%2 (%1%3%)")
                                .arg(change >= 0 ? QStringLiteral("+") : QString(), locale.toString(change, 'f', 2),
                                    locale.toString(percent, 'f', 2)));
        changeItem->setForeground(change >= 0 ? QColor(0x1a, 0x7f, 0x37) : QColor(0xc0, 0x20, 0x20));
        changeItem->setToolTip(tr("Since the first tick, %1").arg(locale.toString(series.firstPrice(), 'f', 2)));
        m_table->item(symbol.row, UnusualColumn)->setText(locale.toString(series.flagged()));
    }
    if (withRate)
        m_table->item(symbol.row, RateColumn)->setText(locale.toString(symbol.rate, 'f', symbol.rate < 10 ? 1 : 0));
    m_table->item(symbol.row, StateColumn)->setText(symbol.state);
    m_table->item(symbol.row, StateColumn)->setToolTip(symbol.state);
}

void StockPane::onStreamFinished(quint64 streamId, const od::rpc::RpcStatus& status)
{
    drain(); // the ticks that came before the end belong to this stream
    Symbol* symbol = nullptr;
    for (const auto& s : m_symbols) {
        if (s->streamId == streamId)
            symbol = s.get();
    }
    if (!symbol)
        return;
    symbol->stream.reset();
    const QString error = QString::fromStdString(status.toString());
    const qint64 ticks = symbol->ticksThisStream;
    if (status.ok()) {
        symbol->phase = Symbol::Phase::Ended;
        setState(*symbol, tr("ended"));
        showMessage(
            tr("%1: ended; the server closed the stream after %n tick(s)", nullptr, int(ticks)).arg(symbol->name));
    } else if (symbol->phase == Symbol::Phase::Stopping) {
        symbol->phase = Symbol::Phase::Stopped;
        setState(*symbol, tr("stopped"));
        showMessage(tr("%1: stopped (cancelled) after %n tick(s)", nullptr, int(ticks)).arg(symbol->name));
    } else if (m_reconnect) {
        symbol->backoffMs = symbol->backoffMs ? std::min(2 * symbol->backoffMs, kMaxBackoffMs) : kFirstBackoffMs;
        symbol->phase = Symbol::Phase::Reconnecting;
        setState(*symbol, tr("reconnecting in %1 s; %2").arg(symbol->backoffMs / 1000).arg(error));
        showMessage(tr("%1: %2; reconnecting in %3 s").arg(symbol->name, error).arg(symbol->backoffMs / 1000), true);
        QTimer::singleShot(symbol->backoffMs, this, [this, name = symbol->name, streamId] {
            Symbol* s = find(name);
            if (s && s->phase == Symbol::Phase::Reconnecting && s->streamId == streamId) {
                beginStream(*s);
                updateButtons();
            }
        });
    } else {
        symbol->phase = Symbol::Phase::Failed;
        setState(*symbol, tr("error: %1").arg(error));
        showMessage(
            tr("%1: the stream failed after %n tick(s): %2", nullptr, int(ticks)).arg(symbol->name, error), true);
    }
    symbol->dirty = true;
    m_frameTimer->start(); // a last frame draws the final ticks and rates
    updateButtons();
    emit streamFinished(symbol->name, status.code);
}

void StockPane::setState(Symbol& symbol, const QString& state)
{
    symbol.state = state;
    updateRow(symbol, false);
}

void StockPane::showMessage(const QString& text, bool isError)
{
    m_messageLabel->setText(text);
    m_messageLabel->setToolTip(text);
    m_messageLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

void StockPane::updateButtons()
{
    const Symbol* symbol = find(m_symbolEdit->text());
    const bool running = symbol
        && (symbol->phase == Symbol::Phase::Live || symbol->phase == Symbol::Phase::Reconnecting
            || symbol->phase == Symbol::Phase::Stopping);
    m_startButton->setEnabled(!m_symbolEdit->text().trimmed().isEmpty() && !running);
    m_stopButton->setEnabled(running && symbol->phase != Symbol::Phase::Stopping);
    m_stopAllButton->setEnabled(anyStreaming());
}

void StockPane::updateTimeTicks()
{
    // As many labels as fit (about 75 px each for "HH:mm:ss"), a whole number of seconds apart,
    // so they neither overlap nor get cut to "17:42:...".
    const int seconds = m_spanCombo->currentData().toInt();
    const int fit = std::max(2, int(m_chart->plotArea().width() / 75));
    int count = 2;
    for (const int gap : { 1, 2, 5, 10, 15, 20, 30, 60, 120, 300 }) {
        if (seconds % gap == 0 && seconds / gap + 1 <= fit) {
            count = seconds / gap + 1;
            break;
        }
    }
    m_timeAxis->setTickCount(count);
    m_timeAxis->setFormat(seconds >= 300 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
}

double StockPane::spanMs() const
{
    return 1000.0 * std::max(1, m_spanCombo->currentData().toInt());
}

bool StockPane::anyStreaming() const
{
    return std::any_of(m_symbols.begin(), m_symbols.end(), [](const auto& s) {
        return s->phase == Symbol::Phase::Live || s->phase == Symbol::Phase::Stopping
            || s->phase == Symbol::Phase::Reconnecting;
    });
}

QStringList StockPane::symbols() const
{
    QStringList names;
    for (const auto& symbol : m_symbols)
        names << symbol->name;
    return names;
}

bool StockPane::isStreaming(const QString& name) const
{
    const Symbol* symbol = find(name);
    return symbol && symbol->phase == Symbol::Phase::Live;
}

QString StockPane::stateText(const QString& name) const
{
    const Symbol* symbol = find(name);
    return symbol ? symbol->state : QString();
}

QString StockPane::statusText() const
{
    return m_messageLabel->text();
}

qint64 StockPane::ticksReceived(const QString& name) const
{
    const Symbol* symbol = find(name);
    return symbol ? symbol->series.received() : 0;
}

qint64 StockPane::ticksReceived() const
{
    qint64 total = 0;
    for (const auto& symbol : m_symbols)
        total += symbol->series.received();
    return total;
}

QLineSeries* StockPane::lineSeries(const QString& name) const
{
    const Symbol* symbol = find(name);
    return symbol ? symbol->line : nullptr;
}

QScatterSeries* StockPane::markerSeries(const QString& name) const
{
    const Symbol* symbol = find(name);
    return symbol ? symbol->markers : nullptr;
}
