#pragma once
// The console's row for streaming a loaded series into a client or bidi stream: which series
// of the window's dataset, into which numeric field of the request, how many messages a
// second, whether to half-close when all are sent; Stream and Stop, and how far it got
// (sent / total). The sending itself is SeriesSender's; the pane starts it.

#include "chart/dataset.h"

#include "core/result.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class SeriesSender;
struct ConsoleMemory;
namespace google::protobuf {
class Descriptor;
class Message;
} // namespace google::protobuf
namespace od::rpc {
class NumberFiller;
}

class SeriesBar : public QWidget
{
    Q_OBJECT
public:
    explicit SeriesBar(QWidget* parent = nullptr);

    // Where the series come from: the dataset open in the window, asked for whenever the list
    // is opened (it may have been loaded, replaced or grown since).
    void setDatasetSource(std::function<DatasetPtr()> source);
    void refreshSeries();
    // The chosen method's request type (its numeric fields are offered) and whether the method
    // takes a client stream (only then can a series be streamed); null: no method.
    void setMethod(const google::protobuf::Descriptor* requestType, bool clientStreams);

    bool selectSeries(const QString& name);
    // The chosen series (of the dataset asked for last), or null.
    const od::Series* series() const;
    QString fieldPath() const;
    void setFieldPath(const QString& path);
    double perSecond() const;
    void setPerSecond(double rate);
    bool halfCloseWhenDone() const;
    void setHalfCloseWhenDone(bool on);
    // How a series was last streamed to this endpoint: each choice that still exists is taken
    // (the field only among the chosen method's, so after setMethod).
    void recall(const ConsoleMemory& memory);
    void store(ConsoleMemory& memory) const;
    // Whether the pane could stream now (a call may be open for sending, or none is open).
    void setStreamable(bool can);

    // The filler for the chosen series: the request (JSON) of prototype's type with each value
    // in the chosen field, every value of the series checked to fit it. The error (with line and
    // column when the request does not read) says what is wrong; the dataset is asked again.
    od::Result<std::unique_ptr<od::rpc::NumberFiller>> prepare(
        const google::protobuf::Message& prototype, const QString& request);

    SeriesSender* sender() const { return m_sender; }
    QString progressText() const;

signals:
    void streamRequested();

protected:
    // The series are asked for again when the pane is shown: a file may have been opened since.
    void showEvent(QShowEvent* event) override;

private:
    void updateButtons();

    std::function<DatasetPtr()> m_source;
    DatasetPtr m_dataset;
    bool m_clientStreams = false;
    bool m_streamable = false;
    QComboBox* m_seriesCombo;
    QComboBox* m_fieldCombo;
    QDoubleSpinBox* m_rateSpin;
    QCheckBox* m_halfCloseCheck;
    QPushButton* m_streamButton;
    QPushButton* m_stopButton;
    QLabel* m_progress;
    SeriesSender* m_sender;
};
