#include "desktop/panes/console/fieldchart.h"

#include "chart/theme.h"

#include "desktop/panes/stock/stockchart.h"
#include "desktop/panes/stock/stocksymbol.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {

// The newest values kept on the line, as the live prices pane keeps ticks.
constexpr std::size_t kCapacity = 10'000;

} // namespace

double numberAt(const std::string& json, const std::vector<std::string>& path)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (path.empty())
        return nan;
    QJsonValue value = QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), qsizetype(json.size()))).object();
    for (const std::string& step : path) {
        const QString key = QString::fromStdString(step);
        if (value.isObject()) {
            value = value.toObject().value(key);
        } else if (value.isArray()) {
            bool ok = false;
            const int index = key.toInt(&ok);
            if (!ok)
                return nan;
            value = value.toArray().at(index);
        } else {
            return nan;
        }
    }
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().toDouble(&ok);
        return ok ? number : nan;
    }
    return nan;
}

FieldChart::FieldChart(QWidget* parent)
    : QWidget(parent)
    , m_pathEdit(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_chart(new StockChart(this))
{
    m_pathEdit->setObjectName(QStringLiteral("chartFieldEdit"));
    m_pathEdit->setPlaceholderText(tr("a numeric field to chart, e.g. price or items.0.id"));
    m_summary->setObjectName(QStringLiteral("chartFieldSummary"));
    m_chart->setMinimumHeight(200);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Chart field:"), this));
    row->addWidget(m_pathEdit, 1);
    row->addWidget(m_summary);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_chart, 1);
    m_chart->hide();
}

FieldChart::~FieldChart() = default;

QString FieldChart::fieldPath() const
{
    return m_pathEdit->text().trimmed();
}

void FieldChart::setFieldPath(const QString& path)
{
    m_pathEdit->setText(path);
}

void FieldChart::begin()
{
    m_line.clear();
    if (fieldPath().isEmpty()) {
        m_chart->hide();
        m_summary->clear();
        return;
    }
    // A new chart each call: the old line's chart items go with it.
    auto* chart = new StockChart(this);
    chart->setMinimumHeight(200);
    // replaceWidget hands back the old chart's layout item, which the layout no longer owns.
    delete layout()->replaceWidget(m_chart, chart);
    delete m_chart;
    m_chart = chart;
    m_line.push_back(std::make_unique<StockSymbol>(fieldPath(), kCapacity, od::OnlineSettings {}));
    m_chart->addSymbol(*m_line.front(), seriesColour(0, false)); // the hue on light; the chart adapts it
    m_chart->show();
    updateSummary();
}

void FieldChart::add(const std::vector<std::pair<double, double>>& values)
{
    if (m_line.empty())
        return;
    StockSymbol& line = *m_line.front();
    double newest = 0;
    for (const auto& [timeMs, value] : values) {
        if (std::isnan(value))
            continue;
        line.series.push(timeMs, value);
        newest = timeMs;
    }
    if (newest == 0)
        return;
    m_chart->redraw(line, newest - m_chart->spanMs(), newest, 1);
    m_chart->updateAxes(newest, m_line);
    updateSummary();
}

std::int64_t FieldChart::values() const
{
    return m_line.empty() ? 0 : m_line.front()->series.received();
}

std::int64_t FieldChart::flagged() const
{
    return m_line.empty() ? 0 : m_line.front()->series.flagged();
}

std::size_t FieldChart::incidents() const
{
    return m_line.empty() ? 0 : m_line.front()->series.incidents().total();
}

void FieldChart::updateSummary()
{
    m_summary->setText(
        tr("%n value(s), %1 flagged, %2 incident(s)", nullptr, int(values())).arg(flagged()).arg(incidents()));
}
