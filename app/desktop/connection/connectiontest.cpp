#include "desktop/connection/connectiontest.h"

#include "rpc/client/call_canceller.h"
#include "rpc/client/greeter_client.h"

#include <QElapsedTimer>

// What the GUI thread keeps of a test so that cancelling it can stop its call.
struct HelloTest
{
    od::rpc::CallCanceller canceller;
    void cancel() { canceller.cancel(); }
};

ConnectionTest::ConnectionTest(QObject* context)
    : m_job(std::make_unique<LatestJob<HelloOutcome, HelloTest>>(context, 1))
{ }

ConnectionTest::~ConnectionTest() = default;

void ConnectionTest::start(const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds deadline,
    std::function<void(const std::optional<HelloOutcome>&)> done)
{
    m_job->start(
        [channel, deadline](QPromise<HelloOutcome>& promise, HelloTest& test) {
            QElapsedTimer timer;
            timer.start();
            HelloOutcome out;
            auto hello = od::rpc::sayHello(channel, "OutlierDesk", deadline, &test.canceller);
            out.millis = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            out.status = std::move(hello.status);
            out.reply = std::move(hello.message);
            promise.addResult(std::move(out));
        },
        {},
        [done = std::move(done)](const QFuture<HelloOutcome>& future) {
            done(future.resultCount() == 0 ? std::nullopt : std::optional<HelloOutcome>(future.result()));
        });
}

bool ConnectionTest::isBusy() const
{
    return m_job->isBusy();
}

void ConnectionTest::cancel()
{
    m_job->cancel();
}
