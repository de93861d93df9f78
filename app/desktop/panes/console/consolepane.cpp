#include "desktop/panes/console/consolepane.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/callbuttons.h"
#include "desktop/panes/console/callsettingsbar.h"
#include "desktop/panes/console/consolecall.h"
#include "desktop/panes/console/consolecommand.h"
#include "desktop/panes/console/consolelists.h"
#include "desktop/panes/console/consolememory.h"
#include "desktop/panes/console/fieldchart.h"
#include "desktop/panes/console/methodsource.h"
#include "desktop/panes/console/methodtree.h"
#include "desktop/panes/console/requesteditor.h"
#include "desktop/panes/console/responseview.h"
#include "desktop/panes/console/seriesbar.h"
#include "desktop/panes/console/seriessender.h"

#include "rpc/console/json_codec.h"
#include "rpc/console/schema.h"

#include <google/protobuf/descriptor.h>

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

ConsolePane::ConsolePane(
    ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent, int historyLines)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_source(new MethodSource(this))
    , m_tree(new MethodTree(this))
    , m_request(new RequestEditor(this))
    , m_settings(new CallSettingsBar(this))
    , m_buttons(new CallButtons(this))
    , m_seriesBar(new SeriesBar(this))
    , m_statusLabel(new QLabel(this))
    , m_responses(new ResponseView(historyLines, this))
    , m_fieldChart(new FieldChart(this))
{
    setObjectName(QStringLiteral("consolePane"));
    m_statusLabel->setObjectName(QStringLiteral("callStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* requestBox = new QWidget(this);
    auto* requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(m_request, 1);
    requestLayout->addWidget(m_settings);
    requestLayout->addWidget(m_buttons);
    requestLayout->addWidget(m_seriesBar);
    requestLayout->addWidget(m_statusLabel);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(requestBox);
    right->addWidget(m_responses);
    right->addWidget(m_fieldChart);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 2);
    right->setStretchFactor(2, 2);
    m_tree->setMinimumWidth(380); // room for the kind beside the longest method names

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addWidget(split, 1);

    m_responses->setObserver([this](const std::vector<ResponseInbox::Response>& batch) {
        std::vector<std::pair<double, double>> values;
        values.reserve(batch.size());
        for (const auto& response : batch)
            values.emplace_back(double(m_callStartMs) + response.offsetMs, response.value);
        m_fieldChart->add(values);
    });
    connect(m_source, &MethodSource::discoverRequested, this, &ConsolePane::discover);
    connect(m_source, &MethodSource::finished, this, &ConsolePane::onDiscovered);
    connect(m_tree, &MethodTree::methodChosen, this, &ConsolePane::onMethodChosen);
    connect(m_buttons, &CallButtons::startClicked, this, &ConsolePane::startCall);
    connect(m_buttons, &CallButtons::sendClicked, this, &ConsolePane::sendMessage);
    connect(m_buttons, &CallButtons::halfCloseClicked, this, &ConsolePane::halfClose);
    connect(m_buttons, &CallButtons::cancelClicked, this, &ConsolePane::cancelCall);
    connect(m_buttons, &CallButtons::copyClicked, this, &ConsolePane::copyAsCommand);
    connect(m_seriesBar, &SeriesBar::streamRequested, this, &ConsolePane::streamSeries);
    connect(m_seriesBar->sender(), &SeriesSender::ended, this, &ConsolePane::onSeriesEnded);
    updateButtons();
}

ConsolePane::~ConsolePane()
{
    if (m_call)
        m_call->cancel();
}

bool ConsolePane::isCalling() const
{
    return m_call != nullptr;
}

bool ConsolePane::isDiscovering() const
{
    return m_source->isBusy();
}

QString ConsolePane::endpoint() const
{
    return m_endpoint ? m_endpoint().trimmed() : QString();
}

QPlainTextEdit* ConsolePane::editor() const
{
    return m_request->editor();
}

QString ConsolePane::errorText() const
{
    return m_request->errorText();
}

QString ConsolePane::statusText() const
{
    return m_statusLabel->text();
}

void ConsolePane::setStatus(const QString& text, bool error)
{
    m_statusLabel->setText(text);
    setErrorColour(m_statusLabel, error);
}

void ConsolePane::setProtoFiles(const QStringList& files, const QStringList& importPaths)
{
    m_source->setFiles(files, importPaths);
}

void ConsolePane::setDatasetSource(std::function<std::shared_ptr<const Dataset>()> source)
{
    m_seriesBar->setDatasetSource(std::move(source));
}

void ConsolePane::recall(const QString& endpoint)
{
    m_memoryEndpoint = endpoint;
    const ConsoleMemory memory = ConsoleMemory::load(endpoint);
    m_source->fillIfEmpty(memory.protoFiles, memory.importPaths);
    m_settings->recall(memory);
    m_fieldChart->setFieldPath(memory.chartField);
    m_seriesBar->recall(memory);
}

void ConsolePane::remember()
{
    const QString ep = endpoint();
    if (ep.isEmpty())
        return;
    ConsoleMemory memory;
    memory.protoFiles = m_source->protoFiles();
    memory.importPaths = m_source->importPaths();
    memory.method = m_tree->currentMethod();
    memory.request = m_request->text();
    m_settings->store(memory);
    memory.chartField = m_fieldChart->fieldPath();
    m_seriesBar->store(memory);
    memory.save(ep);
    m_memoryEndpoint = ep;
}

void ConsolePane::discover()
{
    const QString ep = endpoint();
    if (ep != m_memoryEndpoint && !ep.isEmpty())
        recall(ep);
    const QStringList files = m_source->protoFiles();
    if (files.isEmpty() && ep.isEmpty()) {
        m_request->showError(tr("No server to ask: set the endpoint in the Connection dock, or name .proto files."));
        return;
    }
    od::rpc::CallSettings settings;
    int maxMb = 0;
    QString error;
    if (!m_settings->read(settings, maxMb, error)) {
        m_request->showError(error);
        return;
    }
    m_request->hideError();
    setStatus(files.isEmpty() ? tr("Asking %1 what it offers\u2026").arg(ep)
                              : tr("Reading %1\u2026").arg(files.join(QStringLiteral(", "))));
    m_schemaEndpoint = ep;
    m_source->start(
        ep.isEmpty() ? nullptr : m_channels->channelForCall(ep), settings, channelFacts(m_channels->settings()));
    updateButtons();
}

void ConsolePane::onDiscovered(std::shared_ptr<const od::rpc::Schema> schema, const QString& error)
{
    if (!schema) {
        setStatus(tr("No methods."));
        m_request->showError(error);
        updateButtons();
        emit discovered(false);
        return;
    }
    m_schema = std::move(schema);
    m_tree->setSchema(*m_schema);
    setStatus(tr("%n service(s) from %1.", nullptr, int(m_schema->serviceNames().size()))
                  .arg(QString::fromStdString(m_schema->source())));
    const ConsoleMemory memory = ConsoleMemory::load(m_schemaEndpoint);
    if (!memory.method.isEmpty() && m_tree->selectMethod(memory.method) && !memory.request.isEmpty())
        m_request->setText(memory.request);
    m_seriesBar->recall(memory); // after the method: its fields are the ones offered
    updateButtons();
    emit discovered(true);
}

bool ConsolePane::selectMethod(const QString& name)
{
    return m_tree->selectMethod(name);
}

QString ConsolePane::currentMethod() const
{
    return m_tree->currentMethod();
}

void ConsolePane::onMethodChosen(const QString& name)
{
    auto method = m_schema ? m_schema->findMethod(name.toStdString())
                           : od::Result<const google::protobuf::MethodDescriptor*>(od::Error("no schema"));
    if (!method) {
        m_seriesBar->setMethod(nullptr, false);
        return;
    }
    m_request->setTemplate(m_schema->prototype(*(*method)->input_type()));
    m_seriesBar->setMethod((*method)->input_type(), od::rpc::clientStreams(od::rpc::callKind(**method)));
    updateButtons();
}

const google::protobuf::MethodDescriptor* ConsolePane::pickedMethod()
{
    auto method = m_schema->findMethod(m_tree->currentMethod().toStdString());
    if (!method) {
        m_request->showError(tr("Pick a method in the tree first."));
        return nullptr;
    }
    return *method;
}

bool ConsolePane::openCall()
{
    if (m_call || !m_schema)
        return false;
    const google::protobuf::MethodDescriptor* method = pickedMethod();
    if (!method)
        return false;
    od::rpc::CallSettings settings;
    int maxMb = 0;
    QString error;
    if (!m_settings->read(settings, maxMb, error)) {
        m_request->showError(error);
        return false;
    }
    const QString ep = endpoint();
    if (ep.isEmpty()) {
        m_request->showError(tr("No server to call: set the endpoint in the Connection dock."));
        return false;
    }
    if (ep != m_schemaEndpoint && m_source->protoFiles().isEmpty()) {
        // The methods came from another server's reflection: they may not be this one's.
        m_request->showError(
            tr("The endpoint is now %1, but the methods are %2's: Discover again.").arg(ep, m_schemaEndpoint));
        return false;
    }
    const auto channel = channelForCall(*m_channels, ep, maxMb, error);
    if (!channel) {
        m_request->showError(error);
        return false;
    }
    m_request->hideError();
    m_halfClosed = false;
    std::vector<std::string> chartPath;
    for (const QString& step : m_fieldChart->fieldPath().split(QLatin1Char('.'), Qt::SkipEmptyParts))
        chartPath.push_back(step.toStdString());
    m_fieldChart->begin();
    m_callStartMs = QDateTime::currentMSecsSinceEpoch();
    m_call = new ConsoleCall(channel, m_schema, *method, settings, m_responses->begin(),
        channelFacts(m_channels->settings()), std::move(chartPath), this);
    connect(m_call, &ConsoleCall::headersReceived, this, [this](const QStringList& headers) {
        for (const QString& header : headers)
            m_responses->note(tr("header  %1").arg(header));
    });
    connect(m_call, &ConsoleCall::finished, this, &ConsolePane::onCallFinished);
    setStatus(tr("Calling %1 on %2\u2026").arg(m_tree->currentMethod(), ep));
    remember();
    return true;
}

bool ConsolePane::startCall()
{
    if (m_call || !m_schema)
        return false;
    const google::protobuf::MethodDescriptor* method = pickedMethod();
    if (!method)
        return false;
    // The request is checked before anything goes out: a typo must not start a call.
    const auto& requestType = m_schema->prototype(*method->input_type());
    if (auto bytes = od::rpc::jsonToBytes(requestType, m_request->text().toStdString()); !bytes) {
        m_request->showError(bytes.error());
        return false;
    }
    if (!openCall())
        return false;
    sendEditor();
    if (!od::rpc::clientStreams(m_call->kind()))
        halfClose();
    updateButtons();
    return true;
}

bool ConsolePane::sendMessage()
{
    if (!m_call || m_halfClosed || !od::rpc::clientStreams(m_call->kind()))
        return false;
    return sendEditor();
}

bool ConsolePane::sendEditor()
{
    if (auto error = m_call->send(m_request->text())) {
        m_request->showError(*error);
        return false;
    }
    m_request->hideError();
    return true;
}

void ConsolePane::halfClose()
{
    if (!m_call || m_halfClosed)
        return;
    m_seriesBar->sender()->stop(); // nothing may follow the half-close
    m_halfClosed = true;
    m_call->halfClose();
    updateButtons();
}

void ConsolePane::cancelCall()
{
    if (m_call) {
        m_seriesBar->sender()->stop();
        m_call->cancel();
    } else if (m_source->isBusy()) {
        m_source->cancel();
    }
}

void ConsolePane::onCallFinished(bool ok, const QString& status, const QStringList& trailers)
{
    m_seriesBar->sender()->stop();
    for (const QString& trailer : trailers)
        m_responses->note(tr("trailer %1").arg(trailer));
    m_responses->note(tr("status  %1").arg(status));
    m_responses->end();
    setStatus(
        ok ? tr("Finished: OK, %n message(s).", nullptr, int(m_responses->received())) : tr("Failed: %1").arg(status),
        !ok);
    if (m_call)
        m_call->deleteLater();
    m_call = nullptr;
    updateButtons();
    emit callFinished(ok);
}

QString ConsolePane::copyAsCommand()
{
    const QString line = consoleCommandLine(
        m_channels->settings(), endpoint(), *m_settings, *m_source, m_tree->currentMethod(), m_request->text());
    QApplication::clipboard()->setText(line);
    auto method = m_schema ? m_schema->findMethod(m_tree->currentMethod().toStdString())
                           : od::Result<const google::protobuf::MethodDescriptor*>(od::Error("no schema"));
    if (method && od::rpc::clientStreams(od::rpc::callKind(**method)) && m_seriesBar->series()) {
        // outlierctl sends the lines of its standard input as fast as they come: it has no
        // series of the window and no rate, so the line repeats the editor's request only.
        setStatus(tr("Copied: %1\nIt sends the editor's request only: outlierctl cannot stream a series of the "
                     "window at a rate. To send many, give it one JSON request per line on standard input (-d @-).")
                      .arg(line));
    } else {
        setStatus(tr("Copied: %1").arg(line));
    }
    return line;
}

void ConsolePane::updateButtons()
{
    const bool picked = m_schema && !m_tree->currentMethod().isEmpty();
    const bool streamOpen = m_call && !m_halfClosed && od::rpc::clientStreams(m_call->kind());
    m_buttons->setState(
        { picked, m_call != nullptr, streamOpen, m_seriesBar->sender()->isSending(), m_source->isBusy() });
    m_source->setDiscoverEnabled(!m_call);
    m_seriesBar->setStreamable(picked && (!m_call || streamOpen));
}
