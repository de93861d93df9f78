#include "desktop/panes/console/responseview.h"

#include "desktop/panes/console/responselinesmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QLabel>
#include <QListView>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Responses waiting for the GUI thread beyond this are dropped (and counted): a stalled window
// must not hold a flood in memory.
constexpr std::size_t kMaxWaiting = 100'000;
constexpr int kFrameMs = 40;

} // namespace

ResponseView::ResponseView(int historyLines, QWidget* parent)
    : QWidget(parent)
    , m_historyLines(historyLines)
    , m_model(new ResponseLinesModel(std::size_t(historyLines), this))
    , m_list(new QListView(this))
    , m_summary(new QLabel(this))
    , m_timer(new QTimer(this))
{
    m_list->setObjectName(QStringLiteral("responseList"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true); // a row's height is known without asking each row
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setTextElideMode(Qt::ElideRight);
    auto* copy = new QAction(tr("&Copy"), m_list);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ResponseView::copySelection);
    m_list->addAction(copy);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_summary->setObjectName(QStringLiteral("responseSummary"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    m_timer->setInterval(kFrameMs);
    connect(m_timer, &QTimer::timeout, this, &ResponseView::drain);
    // A view at its newest end stays there as lines come; one scrolled back stays put.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar* bar = m_list->verticalScrollBar();
        m_list->setProperty("followEnd", bar->value() >= bar->maximum());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_list->property("followEnd").toBool())
            m_list->scrollToBottom();
    });
    updateSummary();
}

std::shared_ptr<ResponseInbox> ResponseView::begin()
{
    drain();
    m_inbox = std::make_shared<ResponseInbox>(kMaxWaiting);
    m_model->clear();
    m_received = 0;
    m_lastOffsetMs = 0;
    m_running = true;
    m_clock.start();
    m_timer->start();
    updateSummary();
    return m_inbox;
}

void ResponseView::end()
{
    drain();
    m_running = false;
    m_timer->stop();
    updateSummary();
}

void ResponseView::note(const QString& text)
{
    drain(); // keep the order: responses that came before the note are shown before it
    m_model->append({ { text, true } });
}

QStringList ResponseView::lines() const
{
    return m_model->texts();
}

void ResponseView::drain()
{
    if (!m_inbox)
        return;
    std::size_t droppedWaiting = 0;
    m_inbox->take(m_batch, droppedWaiting);
    m_received += m_batch.size() + droppedWaiting;
    if (m_batch.empty()) {
        if (droppedWaiting)
            updateSummary();
        return;
    }
    if (m_observer)
        m_observer(m_batch);
    // Only the last historyLines of a batch can stay in view: the rest is counted, not drawn.
    const std::size_t first = m_batch.size() - std::min<std::size_t>(m_batch.size(), std::size_t(m_historyLines));
    std::vector<ResponseLinesModel::Line> lines;
    lines.reserve(m_batch.size() - first);
    for (std::size_t i = first; i < m_batch.size(); ++i) {
        const auto& response = m_batch[i];
        QString line = QStringLiteral("+%1s  ").arg(response.offsetMs / 1000.0, 0, 'f', 3);
        if (response.unreadable)
            line += tr("(unreadable) ");
        line += QString::fromStdString(response.json);
        lines.push_back({ std::move(line), false });
    }
    m_lastOffsetMs = m_batch.back().offsetMs;
    m_model->append(std::move(lines));
    updateSummary();
}

void ResponseView::copySelection()
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex& row : rows)
        texts << row.data().toString();
    QApplication::clipboard()->setText(texts.join(QLatin1Char('\n')));
}

void ResponseView::updateSummary()
{
    const double seconds = m_running ? m_clock.elapsed() / 1000.0 : m_lastOffsetMs / 1000.0;
    const double rate = seconds > 0.05 ? double(m_received) / seconds : 0.0;
    QString text = tr("%n message(s)", nullptr, int(m_received));
    if (m_received > 1)
        text += tr(", %1 per second").arg(rate, 0, 'f', rate < 10 ? 1 : 0);
    if (dropped() > 0)
        text += tr("; the oldest %n dropped from view (the last %1 are kept)", nullptr, int(dropped()))
                    .arg(m_historyLines);
    m_summary->setText(text);
}
