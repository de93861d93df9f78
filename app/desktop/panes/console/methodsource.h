#pragma once
// Where the console's methods come from: .proto files with their import paths, or, with no
// files, the server's reflection, asked off the GUI thread. A discovery can be cancelled at any
// moment and ends at once: a server that accepts the connection and never answers would
// otherwise hold the reflection call to its deadline, and closing the pane or asking another
// endpoint would wait for it.

#include "desktop/threads/latestjob.h"

#include "rpc/client/call_canceller.h"
#include "rpc/console/call_failure.h"
#include "rpc/console/generic_call.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QPushButton;
namespace grpc {
class Channel;
}
namespace od::rpc {
class Schema;
}

class MethodSource : public QWidget
{
    Q_OBJECT
public:
    explicit MethodSource(QWidget* parent = nullptr);
    // Cancels a discovery in flight; returns as soon as its thread lets go (promptly).
    ~MethodSource() override;

    QStringList protoFiles() const;
    QStringList importPaths() const;
    void setFiles(const QStringList& files, const QStringList& importPaths);
    // Fills only the fields that are empty: what the user typed wins over what was remembered.
    void fillIfEmpty(const QStringList& files, const QStringList& importPaths);

    // Loads the methods from the files, or (no files) by reflection over channel with the
    // settings' metadata and deadline. Supersedes a discovery in flight, which is cancelled and
    // never reports. Ends with finished().
    void start(std::shared_ptr<grpc::Channel> channel, const od::rpc::CallSettings& settings,
        const od::rpc::ChannelFacts& facts);
    // Ends the discovery in flight at once; finished() still comes, with an error saying so.
    void cancel();
    bool isBusy() const;
    void setDiscoverEnabled(bool enabled);

signals:
    // The Discover button.
    void discoverRequested();
    // schema is null when discovery failed or was cancelled; error says why.
    void finished(std::shared_ptr<const od::rpc::Schema> schema, const QString& error);

private:
    struct Outcome
    {
        std::shared_ptr<const od::rpc::Schema> schema;
        QString error;
    };
    // LatestJob's token: cancelling ends the reflection call itself, not only a flag.
    struct Job
    {
        od::rpc::CallCanceller canceller;
        void cancel() { canceller.cancel(); }
    };

    QLineEdit* m_protoEdit;
    QLineEdit* m_importEdit;
    QPushButton* m_discoverButton;
    LatestJob<Outcome, Job> m_job;
};
