#include "desktop/connection/connectionpanel.h"

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/connection/connectiontest.h"
#include "desktop/connection/rpcfailure.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// Green or bold red, readable on the light and the dark palette alike.
QString okStyle(const QPalette& palette)
{
    return QStringLiteral("color: %1;").arg(okTextColour(palette).name());
}
QString errorStyle(const QPalette& palette)
{
    return QStringLiteral("color: %1; font-weight: bold;").arg(errorTextColour(palette).name());
}
} // namespace

ConnectionPanel::ConnectionPanel(ChannelProvider* channels, QWidget* parent)
    : QWidget(parent)
    , m_channels(channels)
    , m_endpointEdit(new QLineEdit(this))
    , m_tlsCheck(new QCheckBox(tr("Use &TLS"), this))
    , m_serverNameEdit(new QLineEdit(this))
    , m_metadataEdit(new QPlainTextEdit(this))
    , m_deadlineSpin(new QDoubleSpinBox(this))
    , m_maxMessageSpin(new QSpinBox(this))
    , m_problemLabel(new QLabel(this))
    , m_testButton(new QPushButton(tr("Test &Connection"), this))
    , m_resultLabel(new QLabel(this))
    , m_stateLabel(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_detailText(new QPlainTextEdit(this))
    , m_metadataTimer(new QTimer(this))
    , m_test(std::make_unique<ConnectionTest>(this))
{
    setObjectName(QStringLiteral("connectionPanel"));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_endpointEdit->setObjectName(QStringLiteral("connectionEndpointEdit"));
    m_endpointEdit->setPlaceholderText(QStringLiteral("host:port"));
    m_endpointEdit->setToolTip(tr("The server for remote detection and the streaming panes: host:port, or a gRPC "
                                  "target with several backends (ipv4:10.0.0.1:50051,10.0.0.2:50051)"));
    form->addRow(tr("&Endpoint:"), m_endpointEdit);

    m_tlsCheck->setObjectName(QStringLiteral("tlsCheck"));
    m_tlsCheck->setToolTip(tr("Encrypt the connection and check the server's certificate (outlierd --tls-cert)"));
    form->addRow(QString(), m_tlsCheck);
    m_caEdit = addPathRow(form, tr("C&A certificate:"), QStringLiteral("caFileEdit"),
        tr("PEM file of the certificate authority that signed the server's certificate; empty = the system's "
           "trusted authorities"));
    m_certEdit = addPathRow(form, tr("Client certi&ficate:"), QStringLiteral("certFileEdit"),
        tr("PEM file with this client's certificate, for servers that require one (outlierd --tls-client-ca)"));
    m_keyEdit = addPathRow(form, tr("Client &key:"), QStringLiteral("keyFileEdit"),
        tr("PEM file with the private key of the client certificate"));
    m_serverNameEdit->setObjectName(QStringLiteral("serverNameEdit"));
    m_serverNameEdit->setPlaceholderText(tr("the host in the endpoint"));
    m_serverNameEdit->setToolTip(tr("Check the server's certificate against this name instead of the endpoint's "
                                    "host, e.g. when connecting by IP address to a certificate issued for a name"));
    auto* serverNameLabel = new QLabel(tr("Server &name override:"), this);
    serverNameLabel->setBuddy(m_serverNameEdit);
    form->addRow(serverNameLabel, m_serverNameEdit);
    m_tlsWidgets << serverNameLabel << m_serverNameEdit;

    m_metadataEdit->setObjectName(QStringLiteral("metadataEdit"));
    m_metadataEdit->setPlaceholderText(QStringLiteral("authorization: Bearer TOKEN"));
    m_metadataEdit->setTabChangesFocus(true);
    m_metadataEdit->setToolTip(tr("Sent with every call, one 'key: value' a line. A token for outlierd "
                                  "--token-file: 'authorization: Bearer TOKEN'. Stored in your settings file, "
                                  "readable by you only."));
    m_metadataEdit->setFixedHeight(m_metadataEdit->fontMetrics().lineSpacing() * 3 + 12);
    form->addRow(tr("&Metadata:"), m_metadataEdit);

    m_deadlineSpin->setObjectName(QStringLiteral("deadlineSpin"));
    m_deadlineSpin->setRange(0.1, 3600);
    m_deadlineSpin->setDecimals(1);
    m_deadlineSpin->setSuffix(tr(" s"));
    m_deadlineSpin->setKeyboardTracking(false);
    m_deadlineSpin->setToolTip(tr("How long each detection call, connection test and upload may take. Live price "
                                  "and chat streams run until stopped."));
    form->addRow(tr("&Deadline:"), m_deadlineSpin);

    m_maxMessageSpin->setObjectName(QStringLiteral("maxMessageSpin"));
    m_maxMessageSpin->setRange(1, 2047);
    m_maxMessageSpin->setSuffix(tr(" MB"));
    m_maxMessageSpin->setKeyboardTracking(false);
    m_maxMessageSpin->setToolTip(tr("The largest message sent or received. Big series are sent in chunks to "
                                    "outlierd; a server without chunked detection gets each series in one message."));
    form->addRow(tr("Max message si&ze:"), m_maxMessageSpin);

    m_problemLabel->setObjectName(QStringLiteral("connectionProblem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(errorStyle(palette()));
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->hide();

    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setToolTip(tr("Call SayHello on the endpoint with these settings"));
    m_resultLabel->setObjectName(QStringLiteral("connectionResult"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateLabel->setObjectName(QStringLiteral("connectionState"));
    m_stateLabel->setToolTip(tr("The channel's connectivity state, as in the status bar"));
    m_detailsButton->setObjectName(QStringLiteral("connectionDetailsButton"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setToolTip(tr("The gRPC status code, the server's message and what to do"));
    m_detailsButton->hide();
    m_detailText->setObjectName(QStringLiteral("connectionDetails"));
    m_detailText->setReadOnly(true);
    m_detailText->setFixedHeight(m_detailText->fontMetrics().lineSpacing() * 6 + 12);
    m_detailText->hide();

    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addStretch(1);
    testRow->addWidget(m_detailsButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addLayout(testRow);
    layout->addWidget(m_resultLabel);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_detailText);
    layout->addStretch(1);

    // The metadata box has no "editing finished": apply once typing pauses.
    m_metadataTimer->setSingleShot(true);
    m_metadataTimer->setInterval(600);
    connect(m_metadataTimer, &QTimer::timeout, this, &ConnectionPanel::apply);
    connect(m_metadataEdit, &QPlainTextEdit::textChanged, m_metadataTimer, qOverload<>(&QTimer::start));
    connect(m_endpointEdit, &QLineEdit::editingFinished, this, [this] { emit endpointEdited(endpoint()); });
    connect(m_tlsCheck, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        apply();
    });
    for (QLineEdit* edit : { m_caEdit, m_certEdit, m_keyEdit, m_serverNameEdit })
        connect(edit, &QLineEdit::editingFinished, this, &ConnectionPanel::apply);
    connect(m_deadlineSpin, &QDoubleSpinBox::valueChanged, this, &ConnectionPanel::apply);
    connect(m_maxMessageSpin, &QSpinBox::valueChanged, this, &ConnectionPanel::apply);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPanel::testConnection);
    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool shown) {
        m_detailText->setVisible(shown);
        m_detailsButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });

    QSettings settings;
    showSettings(ConnectionSettings::load(settings));
    apply();
}

ConnectionPanel::~ConnectionPanel()
{
    // The fields outlive this destructor's body; one losing focus as the window goes would
    // call back into a panel that is no longer one.
    for (QLineEdit* edit : { m_endpointEdit, m_caEdit, m_certEdit, m_keyEdit, m_serverNameEdit })
        edit->disconnect(this);
    // m_test (destroyed after this body) cancels a test in flight and waits for its call to end.
}

QLineEdit* ConnectionPanel::addPathRow(
    QFormLayout* form, const QString& label, const QString& objectName, const QString& tip)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setToolTip(tip);
    edit->setPlaceholderText(tr("PEM file"));
    auto* browse = new QPushButton(tr("Browse..."), this);
    browse->setObjectName(objectName + QStringLiteral("Browse"));
    browse->setToolTip(tip);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    auto* name = new QLabel(label, this);
    name->setBuddy(edit);
    form->addRow(name, row);
    m_tlsWidgets << name << edit << browse;
    connect(browse, &QPushButton::clicked, this, [this, edit, label] {
        const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, QString(label).remove(QLatin1Char('&')).chopped(1),
            start, tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
        if (path.isEmpty())
            return;
        edit->setText(path);
        apply();
    });
    return edit;
}

QString ConnectionPanel::endpoint() const
{
    return m_endpointEdit->text().trimmed();
}

void ConnectionPanel::setEndpoint(const QString& endpoint)
{
    m_endpointEdit->setText(endpoint.trimmed());
}

ConnectionSettings ConnectionPanel::settings() const
{
    ConnectionSettings s;
    s.tls = m_tlsCheck->isChecked();
    s.caFile = m_caEdit->text().trimmed();
    s.certFile = m_certEdit->text().trimmed();
    s.keyFile = m_keyEdit->text().trimmed();
    s.serverName = m_serverNameEdit->text().trimmed();
    for (const QString& line : m_metadataEdit->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            s.metadata << line.trimmed();
    }
    s.deadlineSeconds = m_deadlineSpin->value();
    s.maxMessageMb = m_maxMessageSpin->value();
    return s;
}

void ConnectionPanel::setSettings(const ConnectionSettings& settings)
{
    showSettings(settings);
    apply();
}

void ConnectionPanel::showSettings(const ConnectionSettings& s)
{
    const QSignalBlocker b1(m_tlsCheck), b2(m_metadataEdit), b3(m_deadlineSpin), b4(m_maxMessageSpin);
    m_tlsCheck->setChecked(s.tls);
    m_caEdit->setText(s.caFile);
    m_certEdit->setText(s.certFile);
    m_keyEdit->setText(s.keyFile);
    m_serverNameEdit->setText(s.serverName);
    m_metadataEdit->setPlainText(s.metadata.join(QLatin1Char('\n')));
    m_deadlineSpin->setValue(s.deadlineSeconds);
    m_maxMessageSpin->setValue(s.maxMessageMb);
    updateEnabled();
}

void ConnectionPanel::apply()
{
    m_metadataTimer->stop();
    const ConnectionSettings s = settings();
    // Remembered as typed, even when it cannot be used yet, so that nothing the user set is lost.
    QSettings qsettings;
    s.save(qsettings);
    const QString problem = m_channels->setSettings(s);
    m_problemLabel->setText(problem.isEmpty()
            ? QString()
            : tr("%1 The connection keeps its previous settings until this is fixed.").arg(problem));
    m_problemLabel->setVisible(!problem.isEmpty());
    emit settingsApplied();
}

void ConnectionPanel::updateEnabled()
{
    for (QWidget* w : std::as_const(m_tlsWidgets))
        w->setEnabled(m_tlsCheck->isChecked());
}

QString ConnectionPanel::resultText() const
{
    return m_resultLabel->text();
}

QString ConnectionPanel::detailText() const
{
    return m_detailText->toPlainText();
}

QString ConnectionPanel::problemText() const
{
    return m_problemLabel->text();
}

bool ConnectionPanel::isTesting() const
{
    return m_test->isBusy();
}

QString ConnectionPanel::channelStateText() const
{
    return m_channelState;
}

void ConnectionPanel::showChannelState(const QString& endpoint, const QString& state)
{
    m_channelState = endpoint == this->endpoint() ? state : QString();
    m_stateLabel->setText(m_channelState.isEmpty() ? QString() : tr("Channel: %1").arg(m_channelState));
    if (m_test->isBusy() || endpoint != m_testEndpoint)
        return;
    if (m_verdict == Verdict::Failed && state == QLatin1String("ready")) {
        showResult(true,
            tr("%1 is reachable now: the channel is ready (the test at %2 had failed).").arg(endpoint, m_verdictTime),
            QString());
        m_verdict = Verdict::None; // said once; the next change is the status bar's to show
    } else if (m_verdict == Verdict::Ok && state == QLatin1String("transient failure")) {
        showResult(false,
            tr("The connection to %1 was lost after the test at %2: the channel's last attempt to connect failed. "
               "Test again to see why.")
                .arg(endpoint, m_verdictTime),
            QString());
        m_verdict = Verdict::None;
    }
}

void ConnectionPanel::testConnection()
{
    if (m_test->isBusy()) {
        m_test->cancel(); // the button reads "Cancel Test" while a test runs
        return;
    }
    apply(); // a field still being edited counts
    m_testEndpoint = endpoint();
    if (m_testEndpoint.isEmpty()) {
        showResult(false, tr("Enter the server's address as host:port."), QString());
        emit testFinished(false);
        return;
    }
    m_testTls = m_channels->settings().tls;
    m_verdict = Verdict::None;
    m_test->start(m_channels->channelForCall(m_testEndpoint), m_channels->callDeadline(),
        [this](const std::optional<HelloOutcome>& outcome) { onTestDone(outcome); });
    m_testButton->setText(tr("Cancel Test"));
    showResult(true, tr("Testing %1...").arg(m_testEndpoint), QString());
    m_resultLabel->setStyleSheet(QString()); // no verdict yet
}

void ConnectionPanel::onTestDone(const std::optional<HelloOutcome>& outcome)
{
    m_testButton->setText(tr("Test &Connection"));
    if (!outcome) {
        showResult(false, tr("The test stopped without an answer."), QString());
        emit testFinished(false);
        return;
    }
    const HelloOutcome& out = *outcome;
    m_verdictTime = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_verdict = out.status.ok() ? Verdict::Ok : isConnectionFailure(out.status) ? Verdict::Failed : Verdict::None;
    if (out.status.ok()) {
        const QString ms = out.millis < 10 ? QString::number(out.millis, 'f', 1) : QString::number(qRound(out.millis));
        showResult(true,
            tr("Connected to %1 in %2 ms (reply: %3)").arg(m_testEndpoint, ms, QString::fromStdString(out.reply)),
            QString());
        emit testFinished(true);
        return;
    }
    const RpcFailureText text = describeRpcFailure(out.status, m_testEndpoint, m_testTls);
    showResult(false, text.sentence, text.detail);
    emit testFinished(false);
}

void ConnectionPanel::showResult(bool ok, const QString& sentence, const QString& detail)
{
    m_resultLabel->setText(sentence);
    m_resultLabel->setStyleSheet(ok ? okStyle(palette()) : errorStyle(palette()));
    m_detailText->setPlainText(detail);
    m_detailsButton->setVisible(!detail.isEmpty());
    m_detailText->setVisible(!detail.isEmpty() && m_detailsButton->isChecked());
}
