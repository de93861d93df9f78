#pragma once
// Upload (greeter.Greeter/RecordMetrics, client streaming): sends a loaded series' values to
// the server with a progress bar and Cancel, then shows the server's count and average beside
// the ones computed here, and says whether they agree.

#include "chart/dataset.h"
#include "desktop/threads/guipost.h"
#include "desktop/threads/latestjob.h"

#include <QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class ChannelProvider;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
namespace od::rpc {
class MetricsUpload;
struct UploadSummary;
} // namespace od::rpc

class UploadPane : public QWidget
{
    Q_OBJECT
public:
    // What this side makes of the values it sends: missing points (NaN) are not sent.
    struct Figures
    {
        std::int64_t count = 0;
        double average = 0;
    };

    UploadPane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent = nullptr);
    ~UploadPane() override; // cancels an upload in flight

    // The series offered for upload. When the dataset grew (a followed file), an upload in
    // flight goes on with the series it started with; another dataset (another file) drops the
    // result shown and cancels an upload in flight, so no figures of the file before remain.
    void setDataset(DatasetPtr dataset);
    DatasetPtr dataset() const { return m_dataset; }

    // Uploads series `index` of the dataset (the one picked in the list when negative).
    void upload(int index = -1);
    void cancel();
    bool isBusy() const { return m_upload != nullptr; }

    std::optional<Figures> serverFigures() const { return m_server; }
    std::optional<Figures> localFigures() const { return m_local; }
    // One sentence: agree, differ (and how), cancelled, or failed with the status.
    QString verdictText() const;

    // The count and mean of series' non-missing values, summed as the reference server does.
    static Figures localFiguresOf(const od::Series& series);

signals:
    // The upload ended; agreed is true when the server answered and its figures match ours.
    void uploadFinished(bool agreed);

private:
    void onProgress(std::int64_t sent, std::int64_t total);
    void onFinished(quint64 id, const od::rpc::UploadSummary& summary);
    // Once the server's figures and ours are both in, says whether they agree.
    void giveVerdict();
    // Back to no figures and no verdict, as before any upload.
    void dropResult();
    // No figures, failure or progress on show: before an upload and when its result is dropped.
    void clearFigures();
    void showFigures();
    void setVerdict(const QString& text, int tone); // tone: 0 neutral, 1 good, -1 bad
    void updateButtons();

    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    DatasetPtr m_dataset;
    std::shared_ptr<od::rpc::MetricsUpload> m_upload;
    quint64 m_uploadId = 0;
    QString m_seriesName;
    std::int64_t m_sent = 0;
    std::optional<Figures> m_server;
    std::optional<Figures> m_local;
    bool m_serverDone = false;
    QString m_failure; // the status text when the upload did not end OK

    QComboBox* m_seriesCombo;
    QPushButton* m_uploadButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_serverCount;
    QLabel* m_serverAverage;
    QLabel* m_localCount;
    QLabel* m_localAverage;
    QLabel* m_verdict;
    LatestJob<Figures> m_localJob; // this side's figures, off the GUI thread
    GuiPost<UploadPane> m_toGui { this }; // the upload's reports, from gRPC's threads
};
