#include "detectorpanel.h"

#include "core/detector.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalBlocker>

#include <algorithm>

namespace {
const char* kRemoteKey = "detector/remote";
const char* kEndpointKey = "detector/endpoint";
const char* kMethodKey = "detector/method";
const char* kThresholdKey = "detector/threshold";
} // namespace

DetectorPanel::DetectorPanel(QWidget* parent)
    : QWidget(parent)
    , m_localButton(new QRadioButton(tr("&Local"), this))
    , m_remoteButton(new QRadioButton(tr("&Remote"), this))
    , m_endpointEdit(new QLineEdit(this))
    , m_methodCombo(new QComboBox(this))
    , m_thresholdSpin(new QDoubleSpinBox(this))
    , m_detectButton(new QPushButton(tr("Detect"), this))
{
    m_localButton->setObjectName(QStringLiteral("localButton"));
    m_localButton->setToolTip(tr("Find outliers in this process with the detection core"));
    m_remoteButton->setObjectName(QStringLiteral("remoteButton"));
    m_remoteButton->setToolTip(tr("Ask a server at the endpoint (outlierdesk.v1 or pb.Outliers/Detect); it applies "
                                  "its own rule. TLS and tokens: View > Connection"));
    m_localButton->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(m_localButton);
    group->addButton(m_remoteButton);

    m_endpointEdit->setObjectName(QStringLiteral("endpointEdit"));
    m_endpointEdit->setPlaceholderText(QStringLiteral("host:port"));
    m_endpointEdit->setText(DetectorChoice {}.endpoint);
    m_endpointEdit->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("255.255.255.255:65535__")));
    m_endpointEdit->setToolTip(tr("Address of the server for remote detection and the streaming panes"));
    m_lastEndpoint = m_endpointEdit->text();

    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    for (const auto& m : od::methods()) {
        m_methodCombo->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
        m_methodCombo->setItemData(m_methodCombo->count() - 1, QString::fromStdString(m.description), Qt::ToolTipRole);
    }

    m_thresholdSpin->setObjectName(QStringLiteral("thresholdSpin"));
    m_thresholdSpin->setDecimals(2);
    m_thresholdSpin->setSingleStep(0.1);
    // Only re-detect once the user has settled on a value, not on every keystroke.
    m_thresholdSpin->setKeyboardTracking(false);

    m_detectButton->setObjectName(QStringLiteral("detectButton"));
    m_detectButton->setToolTip(tr("Run detection again (F5)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Detector:"), this));
    layout->addWidget(m_localButton);
    layout->addWidget(m_remoteButton);
    layout->addWidget(m_endpointEdit);
    layout->addSpacing(12);
    auto* methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(m_methodCombo);
    layout->addWidget(methodLabel);
    layout->addWidget(m_methodCombo);
    auto* thresholdLabel = new QLabel(tr("&Threshold:"), this);
    thresholdLabel->setBuddy(m_thresholdSpin);
    layout->addWidget(thresholdLabel);
    layout->addWidget(m_thresholdSpin);
    layout->addSpacing(12);
    layout->addWidget(m_detectButton);
    layout->addStretch(1);

    showChoice(DetectorChoice {}); // the core's default method, with its own threshold range

    connect(m_remoteButton, &QRadioButton::toggled, this, [this] {
        updateEnabled();
        emit choiceChanged();
    });
    connect(m_endpointEdit, &QLineEdit::editingFinished, this, &DetectorPanel::onEndpointEdited);
    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, [this] {
        onMethodChanged();
        emit choiceChanged();
    });
    connect(m_thresholdSpin, &QDoubleSpinBox::valueChanged, this, &DetectorPanel::choiceChanged);
    connect(m_detectButton, &QPushButton::clicked, this, &DetectorPanel::detectRequested);
}

DetectorPanel::~DetectorPanel() = default;

DetectorChoice DetectorPanel::choice() const
{
    DetectorChoice c;
    c.remote = m_remoteButton->isChecked();
    c.endpoint = m_endpointEdit->text().trimmed();
    c.method = m_methodCombo->currentData().toString();
    c.threshold = m_thresholdSpin->value();
    return c;
}

void DetectorPanel::setChoice(const DetectorChoice& choice)
{
    const DetectorChoice before = this->choice();
    if (choice == before)
        return;
    showChoice(choice);
    emit choiceChanged();
    if (choice.endpoint != before.endpoint)
        emit endpointChanged(choice.endpoint);
}

void DetectorPanel::setEndpoint(const QString& endpoint)
{
    m_endpointEdit->setText(endpoint.trimmed());
    onEndpointEdited(); // local detection does not depend on it: no choiceChanged() then
}

void DetectorPanel::showChoice(const DetectorChoice& choice)
{
    const QSignalBlocker b1(m_remoteButton), b2(m_localButton), b3(m_methodCombo), b4(m_thresholdSpin);
    (choice.remote ? m_remoteButton : m_localButton)->setChecked(true);
    m_endpointEdit->setText(choice.endpoint);
    m_lastEndpoint = choice.endpoint;
    const int index = m_methodCombo->findData(choice.method);
    if (index >= 0) {
        m_methodCombo->setCurrentIndex(index);
        onMethodChanged();
        m_thresholdSpin->setValue(choice.threshold);
    }
    updateEnabled();
}

void DetectorPanel::restoreSettings(const QSettings& settings)
{
    DetectorChoice c = choice();
    c.remote = settings.value(kRemoteKey, c.remote).toBool();
    c.endpoint = settings.value(kEndpointKey, c.endpoint).toString();
    c.method = settings.value(kMethodKey, c.method).toString();
    c.threshold = settings.value(kThresholdKey, c.threshold).toDouble();
    showChoice(c);
}

void DetectorPanel::saveSettings(QSettings& settings) const
{
    const DetectorChoice c = choice();
    settings.setValue(kRemoteKey, c.remote);
    settings.setValue(kEndpointKey, c.endpoint);
    settings.setValue(kMethodKey, c.method);
    settings.setValue(kThresholdKey, c.threshold);
}

void DetectorPanel::onMethodChanged()
{
    const od::MethodInfo* info = od::findMethod(m_methodCombo->currentData().toString().toStdString());
    if (!info)
        return;
    const QSignalBlocker blocker(m_thresholdSpin);
    // The core accepts extreme thresholds; the spin box offers the range a person would type.
    m_thresholdSpin->setRange(std::max(info->minThreshold, 0.01), std::min(info->maxThreshold, 1000.0));
    m_thresholdSpin->setValue(info->defaultThreshold);
    m_thresholdSpin->setToolTip(QString::fromStdString(info->description));
    m_methodCombo->setToolTip(QString::fromStdString(info->description));
}

void DetectorPanel::onEndpointEdited()
{
    const QString endpoint = m_endpointEdit->text().trimmed();
    if (endpoint == m_lastEndpoint)
        return;
    m_lastEndpoint = endpoint;
    if (m_remoteButton->isChecked())
        emit choiceChanged();
    emit endpointChanged(endpoint);
}

void DetectorPanel::updateEnabled()
{
    const bool remote = m_remoteButton->isChecked();
    m_endpointEdit->setEnabled(remote);
    // pb.Outliers/Detect takes no parameters: the server decides method and threshold.
    m_methodCombo->setEnabled(!remote);
    m_thresholdSpin->setEnabled(!remote);
}
