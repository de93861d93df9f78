#include "desktop/panes/console/consolepane.h"

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/consolecall.h"
#include "desktop/panes/console/consolememory.h"
#include "desktop/panes/console/fieldchart.h"
#include "desktop/panes/console/methodtree.h"
#include "desktop/panes/console/responseview.h"

#include "rpc/client/channel.h"
#include "rpc/client/channel_config.h"
#include "rpc/console/call_command_line.h"
#include "rpc/console/json_codec.h"
#include "rpc/console/json_template.h"
#include "rpc/console/proto_files.h"
#include "rpc/console/reflection.h"

#include <google/protobuf/descriptor.h>

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& item : list)
        out.push_back(item.toStdString());
    return out;
}

// Errors read in the theme's error colour, light or dark.
void setErrorColour(QLabel* label, bool error)
{
    QPalette palette = label->parentWidget()->palette();
    if (error)
        palette.setColor(QPalette::WindowText, errorTextColour(palette));
    label->setPalette(palette);
}

// What a failure's words depend on (call_failure.h), from the Connection dock's settings.
od::rpc::ChannelFacts factsOf(const ConnectionSettings& settings)
{
    const bool tls
        = settings.tls || !settings.caFile.isEmpty() || !settings.certFile.isEmpty() || !settings.serverName.isEmpty();
    return { tls, !settings.certFile.isEmpty() };
}

} // namespace

ConsolePane::ConsolePane(
    ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent, int historyLines)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpoint(std::move(endpoint))
    , m_discovery(this, 2)
    , m_protoEdit(new QLineEdit(this))
    , m_importEdit(new QLineEdit(this))
    , m_discoverButton(new QPushButton(tr("D&iscover"), this))
    , m_tree(new MethodTree(this))
    , m_editor(new QPlainTextEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_deadlineSpin(new QDoubleSpinBox(this))
    , m_metadataEdit(new QLineEdit(this))
    , m_maxSizeSpin(new QSpinBox(this))
    , m_startButton(new QPushButton(tr("&Call"), this))
    , m_sendButton(new QPushButton(tr("Se&nd"), this))
    , m_halfCloseButton(new QPushButton(tr("Half-cl&ose"), this))
    , m_cancelButton(new QPushButton(tr("C&ancel"), this))
    , m_copyButton(new QPushButton(tr("Cop&y as Command"), this))
    , m_statusLabel(new QLabel(this))
    , m_responses(new ResponseView(historyLines, this))
    , m_fieldChart(new FieldChart(this))
{
    setObjectName(QStringLiteral("consolePane"));
    m_protoEdit->setObjectName(QStringLiteral("protoFilesEdit"));
    m_protoEdit->setPlaceholderText(tr("empty: ask the server (reflection); else .proto files, ';' between"));
    m_importEdit->setObjectName(QStringLiteral("importPathsEdit"));
    m_importEdit->setPlaceholderText(tr("import directories (-I), ';' between"));
    m_discoverButton->setObjectName(QStringLiteral("discoverButton"));
    m_discoverButton->setToolTip(tr("Load the methods of the server at the current endpoint"));
    auto* browse = new QPushButton(tr("\u2026"), this);
    browse->setToolTip(tr("Choose .proto files"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Proto Files"), QString(), tr("Protocol buffers (*.proto)"));
        if (!files.isEmpty())
            m_protoEdit->setText(files.join(QStringLiteral(";")));
    });

    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("Pick a method: its request appears here as JSON."));
    m_errorLabel->setObjectName(QStringLiteral("requestError"));
    m_errorLabel->setWordWrap(true);
    setErrorColour(m_errorLabel, true);
    m_errorLabel->hide();

    m_deadlineSpin->setObjectName(QStringLiteral("deadlineSpin"));
    m_deadlineSpin->setRange(0, 86400);
    m_deadlineSpin->setDecimals(1);
    m_deadlineSpin->setSuffix(tr(" s"));
    m_deadlineSpin->setSpecialValueText(tr("none"));
    m_deadlineSpin->setToolTip(tr("Give up after this long; none lets a stream run until it ends or is cancelled"));
    m_metadataEdit->setObjectName(QStringLiteral("metadataEdit"));
    m_metadataEdit->setPlaceholderText(tr("key: value; key: value (this call only)"));
    m_maxSizeSpin->setObjectName(QStringLiteral("maxSizeSpin"));
    m_maxSizeSpin->setRange(0, 2047);
    m_maxSizeSpin->setSuffix(tr(" MB"));
    m_maxSizeSpin->setSpecialValueText(tr("as the connection"));
    m_maxSizeSpin->setToolTip(tr("The largest message sent or received"));

    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_halfCloseButton->setObjectName(QStringLiteral("halfCloseButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_copyButton->setObjectName(QStringLiteral("copyCommandButton"));
    m_startButton->setToolTip(tr("Start a call with the request above (Ctrl+Return)"));
    m_startButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sendButton->setToolTip(tr("Send the request above on the open stream"));
    m_halfCloseButton->setToolTip(tr("No more messages from this side; the server may still answer"));
    m_cancelButton->setToolTip(tr("End the call at once"));
    m_copyButton->setToolTip(tr("Put the same call as an outlierctl command line on the clipboard"));
    m_statusLabel->setObjectName(QStringLiteral("callStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Mnemonics chosen not to clash with the menus and the detector bar (Alt+D is Detection).
    auto* source = new QFormLayout;
    auto* protoRow = new QHBoxLayout;
    protoRow->addWidget(m_protoEdit, 1);
    protoRow->addWidget(browse);
    protoRow->addWidget(m_discoverButton);
    source->addRow(tr("Methods from:"), protoRow);
    source->addRow(tr("Import paths:"), m_importEdit);

    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Deadline:"), this));
    settings->addWidget(m_deadlineSpin);
    settings->addWidget(new QLabel(tr("Metadata:"), this));
    settings->addWidget(m_metadataEdit, 1);
    settings->addWidget(new QLabel(tr("Max:"), this));
    settings->addWidget(m_maxSizeSpin);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : { m_startButton, m_sendButton, m_halfCloseButton, m_cancelButton })
        buttons->addWidget(button);
    buttons->addStretch(1);
    buttons->addWidget(m_copyButton);

    auto* requestBox = new QWidget(this);
    auto* requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(m_editor, 1);
    requestLayout->addWidget(m_errorLabel);
    requestLayout->addLayout(settings);
    requestLayout->addLayout(buttons);
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
    layout->addLayout(source);
    layout->addWidget(split, 1);

    m_responses->setObserver([this](const std::vector<ResponseInbox::Response>& batch) {
        std::vector<std::pair<double, double>> values;
        values.reserve(batch.size());
        for (const auto& response : batch)
            values.emplace_back(double(m_callStartMs) + response.offsetMs, response.value);
        m_fieldChart->add(values);
    });
    connect(m_discoverButton, &QPushButton::clicked, this, &ConsolePane::discover);
    connect(m_tree, &MethodTree::methodChosen, this, &ConsolePane::onMethodChosen);
    connect(m_startButton, &QPushButton::clicked, this, &ConsolePane::startCall);
    connect(m_sendButton, &QPushButton::clicked, this, &ConsolePane::sendMessage);
    connect(m_halfCloseButton, &QPushButton::clicked, this, &ConsolePane::halfClose);
    connect(m_cancelButton, &QPushButton::clicked, this, &ConsolePane::cancelCall);
    connect(m_copyButton, &QPushButton::clicked, this, &ConsolePane::copyAsCommand);
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

QString ConsolePane::endpoint() const
{
    return m_endpoint ? m_endpoint().trimmed() : QString();
}

QString ConsolePane::errorText() const
{
    return m_errorLabel->isVisible() || !m_errorLabel->isHidden() ? m_errorLabel->text() : QString();
}

QString ConsolePane::statusText() const
{
    return m_statusLabel->text();
}

void ConsolePane::setProtoFiles(const QStringList& files, const QStringList& importPaths)
{
    m_protoEdit->setText(files.join(QStringLiteral(";")));
    m_importEdit->setText(importPaths.join(QStringLiteral(";")));
}

void ConsolePane::recall(const QString& endpoint)
{
    m_memoryEndpoint = endpoint;
    const ConsoleMemory memory = ConsoleMemory::load(endpoint);
    if (m_protoEdit->text().isEmpty())
        m_protoEdit->setText(memory.protoFiles.join(QStringLiteral(";")));
    if (m_importEdit->text().isEmpty())
        m_importEdit->setText(memory.importPaths.join(QStringLiteral(";")));
    m_deadlineSpin->setValue(memory.deadlineSeconds);
    m_metadataEdit->setText(memory.metadata.join(QStringLiteral("; ")));
    m_maxSizeSpin->setValue(memory.maxMessageMb);
    m_fieldChart->setFieldPath(memory.chartField);
}

void ConsolePane::remember()
{
    const QString ep = endpoint();
    if (ep.isEmpty())
        return;
    ConsoleMemory memory;
    memory.protoFiles = splitList(m_protoEdit->text());
    memory.importPaths = splitList(m_importEdit->text());
    memory.method = m_tree->currentMethod();
    memory.request = m_editor->toPlainText();
    memory.deadlineSeconds = m_deadlineSpin->value();
    memory.metadata = splitList(m_metadataEdit->text());
    memory.maxMessageMb = m_maxSizeSpin->value();
    memory.chartField = m_fieldChart->fieldPath();
    memory.save(ep);
    m_memoryEndpoint = ep;
}

void ConsolePane::discover()
{
    const QString ep = endpoint();
    if (ep != m_memoryEndpoint && !ep.isEmpty())
        recall(ep);
    const QStringList files = splitList(m_protoEdit->text());
    if (files.isEmpty() && ep.isEmpty()) {
        showError(tr("No server to ask: set the endpoint in the Detector panel, or name .proto files."));
        return;
    }
    od::rpc::CallSettings settings;
    int maxMb = 0;
    if (!callSettings(settings, maxMb))
        return;
    const auto channel = ep.isEmpty() ? nullptr : m_channels->channelForCall(ep);
    const auto importPaths = toStd(splitList(m_importEdit->text()));
    const auto facts = factsOf(m_channels->settings());
    m_statusLabel->setText(files.isEmpty() ? tr("Asking %1 what it offers\u2026").arg(ep)
                                           : tr("Reading %1\u2026").arg(files.join(QStringLiteral(", "))));
    m_errorLabel->hide();
    setErrorColour(m_statusLabel, false);
    m_schemaEndpoint = ep;
    m_discovery.start(
        [channel, settings, facts, files = toStd(files), importPaths](QPromise<Discovery>& promise, CancelFlag&) {
            auto schema = files.empty() ? od::rpc::discoverByReflection(channel, settings, facts)
                                        : od::rpc::loadProtoFiles(files, importPaths);
            Discovery outcome;
            if (schema)
                outcome.schema = std::make_shared<const od::rpc::Schema>(std::move(*schema));
            else
                outcome.error = QString::fromStdString(schema.error().toString());
            promise.addResult(outcome);
        },
        {},
        [this](const QFuture<Discovery>& future) {
            if (future.resultCount() > 0)
                onDiscovered(future.result());
        });
}

void ConsolePane::onDiscovered(const Discovery& outcome)
{
    if (!outcome.schema) {
        m_statusLabel->setText(tr("No methods."));
        showError(outcome.error);
        emit discovered(false);
        return;
    }
    m_schema = outcome.schema;
    m_tree->setSchema(*m_schema);
    m_statusLabel->setText(tr("%n service(s) from %1.", nullptr, int(m_schema->serviceNames().size()))
                               .arg(QString::fromStdString(m_schema->source())));
    const ConsoleMemory memory = ConsoleMemory::load(m_schemaEndpoint);
    if (!memory.method.isEmpty() && m_tree->selectMethod(memory.method) && !memory.request.isEmpty())
        m_editor->setPlainText(memory.request);
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
    if (!m_schema)
        return;
    auto method = m_schema->findMethod(name.toStdString());
    if (!method)
        return;
    m_editor->setPlainText(
        QString::fromStdString(od::rpc::jsonTemplate(m_schema->prototype(*(*method)->input_type()))));
    m_errorLabel->hide();
    updateButtons();
}

bool ConsolePane::callSettings(od::rpc::CallSettings& out, int& maxMb)
{
    out.deadline = std::chrono::milliseconds(qint64(m_deadlineSpin->value() * 1000.0));
    out.metadata.clear();
    for (const QString& line : splitList(m_metadataEdit->text())) {
        std::pair<std::string, std::string> header;
        if (auto error = od::rpc::parseHeader(line.toStdString(), header)) {
            showError(tr("Metadata '%1': %2").arg(line, QString::fromStdString(*error)));
            return false;
        }
        out.metadata.push_back(std::move(header));
    }
    maxMb = m_maxSizeSpin->value();
    return true;
}

void ConsolePane::showError(const QString& text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

bool ConsolePane::startCall()
{
    if (m_call || !m_schema)
        return false;
    auto method = m_schema->findMethod(m_tree->currentMethod().toStdString());
    if (!method) {
        showError(tr("Pick a method in the tree first."));
        return false;
    }
    od::rpc::CallSettings settings;
    int maxMb = 0;
    if (!callSettings(settings, maxMb))
        return false;
    // The request is checked before anything goes out: a typo must not start a call.
    const auto& requestType = m_schema->prototype(*(*method)->input_type());
    if (auto bytes = od::rpc::jsonToBytes(requestType, m_editor->toPlainText().toStdString()); !bytes) {
        const od::Error& error = bytes.error();
        if (error.line > 0) {
            QTextCursor cursor(m_editor->document()->findBlockByNumber(error.line - 1));
            cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, error.column - 1));
            m_editor->setTextCursor(cursor);
            showError(tr("Line %1, column %2: %3")
                          .arg(error.line)
                          .arg(error.column)
                          .arg(QString::fromStdString(error.message)));
        } else {
            showError(QString::fromStdString(error.message));
        }
        return false;
    }
    const QString ep = endpoint();
    if (ep.isEmpty()) {
        showError(tr("No server to call: set the endpoint in the Detector panel."));
        return false;
    }
    if (ep != m_schemaEndpoint && m_protoEdit->text().trimmed().isEmpty()) {
        // The methods came from another server's reflection: they may not be this one's.
        showError(tr("The endpoint is now %1, but the methods are %2's: Discover again.").arg(ep, m_schemaEndpoint));
        return false;
    }
    std::shared_ptr<grpc::Channel> channel;
    if (maxMb == 0 || maxMb == m_channels->settings().maxMessageMb) {
        channel = m_channels->channelForCall(ep);
    } else {
        // A size limit of this call's own: a channel of its own, with the connection's TLS.
        QString error;
        auto options = m_channels->settings().channelOptions(&error);
        if (!options) {
            showError(error);
            return false;
        }
        options->maxMessageBytes = maxMb * 1024 * 1024;
        channel = od::rpc::makeChannel(ep.toStdString(), *options);
    }
    m_errorLabel->hide();
    m_halfClosed = false;
    std::vector<std::string> chartPath;
    for (const QString& step : m_fieldChart->fieldPath().split(QLatin1Char('.'), Qt::SkipEmptyParts))
        chartPath.push_back(step.toStdString());
    m_fieldChart->begin();
    m_callStartMs = QDateTime::currentMSecsSinceEpoch();
    m_call = new ConsoleCall(channel, m_schema, **method, settings, m_responses->begin(),
        factsOf(m_channels->settings()), std::move(chartPath), this);
    connect(m_call, &ConsoleCall::headersReceived, this, [this](const QStringList& headers) {
        for (const QString& header : headers)
            m_responses->note(tr("header  %1").arg(header));
    });
    connect(m_call, &ConsoleCall::finished, this, &ConsolePane::onCallFinished);
    m_statusLabel->setText(tr("Calling %1 on %2\u2026").arg(m_tree->currentMethod(), ep));
    setErrorColour(m_statusLabel, false);
    sendEditor();
    if (!od::rpc::clientStreams(m_call->kind()))
        halfClose();
    remember();
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
    if (auto error = m_call->send(m_editor->toPlainText())) {
        showError(error->line > 0 ? tr("Line %1, column %2: %3")
                                        .arg(error->line)
                                        .arg(error->column)
                                        .arg(QString::fromStdString(error->message))
                                  : QString::fromStdString(error->message));
        return false;
    }
    m_errorLabel->hide();
    return true;
}

void ConsolePane::halfClose()
{
    if (!m_call || m_halfClosed)
        return;
    m_halfClosed = true;
    m_call->halfClose();
    updateButtons();
}

void ConsolePane::cancelCall()
{
    if (m_call)
        m_call->cancel();
}

void ConsolePane::onCallFinished(bool ok, const QString& status, const QStringList& trailers)
{
    for (const QString& trailer : trailers)
        m_responses->note(tr("trailer %1").arg(trailer));
    m_responses->note(tr("status  %1").arg(status));
    m_responses->end();
    m_statusLabel->setText(
        ok ? tr("Finished: OK, %n message(s).", nullptr, int(m_responses->received())) : tr("Failed: %1").arg(status));
    setErrorColour(m_statusLabel, !ok);
    if (m_call)
        m_call->deleteLater();
    m_call = nullptr;
    updateButtons();
    emit callFinished(ok);
}

QString ConsolePane::copyAsCommand()
{
    const ConnectionSettings& connection = m_channels->settings();
    od::rpc::CallCommand command;
    command.target = endpoint().toStdString();
    command.tls = connection.tls;
    command.caFile = connection.caFile.toStdString();
    command.certFile = connection.certFile.toStdString();
    command.keyFile = connection.keyFile.toStdString();
    command.serverName = connection.serverName.toStdString();
    for (const QString& line : connection.metadata + splitList(m_metadataEdit->text())) {
        std::pair<std::string, std::string> header;
        if (!od::rpc::parseHeader(line.toStdString(), header))
            command.metadata.push_back(std::move(header));
    }
    command.deadlineMs = qint64(m_deadlineSpin->value() * 1000.0);
    command.maxMessageMb = m_maxSizeSpin->value();
    command.protoFiles = toStd(splitList(m_protoEdit->text()));
    command.importPaths = toStd(splitList(m_importEdit->text()));
    command.method = m_tree->currentMethod().toStdString();
    command.messages.push_back(m_editor->toPlainText().toStdString());
    const QString line = QString::fromStdString(od::rpc::callCommandLine(command));
    QApplication::clipboard()->setText(line);
    m_statusLabel->setText(tr("Copied: %1").arg(line));
    return line;
}

void ConsolePane::updateButtons()
{
    const bool picked = m_schema && !m_tree->currentMethod().isEmpty();
    const bool streamOpen = m_call && !m_halfClosed && od::rpc::clientStreams(m_call->kind());
    m_startButton->setEnabled(picked && !m_call);
    m_sendButton->setEnabled(streamOpen);
    m_halfCloseButton->setEnabled(streamOpen);
    m_cancelButton->setEnabled(m_call != nullptr);
    m_copyButton->setEnabled(picked);
    m_discoverButton->setEnabled(!m_call);
}
