#pragma once
// A numeric field of a call's responses ("price" of GetStockPrice, "id" of getStream), charted
// live as it arrives, each value judged by the online detector with its incidents counted: the
// live prices pane's chart and buffer for any streamed number.

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class StockChart;
struct StockSymbol;

class FieldChart : public QWidget
{
    Q_OBJECT
public:
    explicit FieldChart(QWidget* parent = nullptr);
    ~FieldChart() override;

    // The dotted path typed in ("price", "items.0.id"); empty = no chart.
    QString fieldPath() const;
    void setFieldPath(const QString& path);
    // Starts an empty line for a new call; the chart shows nothing until values come.
    void begin();
    // Values of the field in arrival order, with wall-clock times in ms since the epoch; NaN
    // for a response without the field (skipped). Redraws once per call.
    void add(const std::vector<std::pair<double, double>>& values);

    std::int64_t values() const;
    std::int64_t flagged() const;
    std::size_t incidents() const;

private:
    void updateSummary();

    QLineEdit* m_pathEdit;
    QLabel* m_summary;
    StockChart* m_chart;
    std::vector<std::unique_ptr<StockSymbol>> m_line; // one line, in the shape the chart takes
};

// The number at a dotted path of a one-line JSON object ("price", "items.0.id"); NaN when the
// path is not there or not a number. Numbers written as strings (int64 in protobuf's JSON) count.
double numberAt(const std::string& json, const std::vector<std::string>& path);
