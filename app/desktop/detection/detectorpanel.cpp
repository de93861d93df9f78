#include "desktop/detection/detectorpanel.h"

#include "desktop/detection/detectorwords.h"

#include "core/detect/detector.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>

namespace {
const char* kRemoteKey = "detector/remote";
const char* kEndpointKey = "detector/endpoint";
const char* kMethodKey = "detector/method";
const char* kThresholdKey = "detector/threshold";
const char* kRemoteMethodKey = "detector/remoteMethod";
const char* kParamsGroup = "detector/params"; // detector/params/<method>/<key>

QString boxName(const std::string& key)
{
    return QStringLiteral("param_") + QString::fromStdString(key);
}
} // namespace

DetectorPanel::DetectorPanel(QWidget* parent)
    : QWidget(parent)
    , m_localButton(new QRadioButton(tr("&Local"), this))
    , m_remoteButton(new QRadioButton(tr("&Remote"), this))
    , m_endpointEdit(new QLineEdit(this))
    , m_methodCombo(new QComboBox(this))
    , m_thresholdSpin(new QDoubleSpinBox(this))
    , m_thresholdLabel(new QLabel(this))
    , m_detectButton(new QPushButton(tr("Detect"), this))
    , m_paramBox(new QWidget(this))
    , m_remoteMethodCheck(new QCheckBox(tr("&Same method on the server"), this))
    , m_settle(new QTimer(this))
    , m_endpointPrompt(
          new QLabel(tr("Enter the server's address and press Enter; detection stays local until then."), this))
{
    // Edits come in bursts (arrow keys held, a method and then its window): detect once they
    // settle rather than once per step.
    m_settle->setSingleShot(true);
    m_settle->setInterval(250);
    connect(m_settle, &QTimer::timeout, this, &DetectorPanel::choiceChanged);
    m_paramBox->setObjectName(QStringLiteral("paramBox"));
    auto* paramLayout = new QHBoxLayout(m_paramBox);
    paramLayout->setContentsMargins(0, 0, 0, 0);
    m_localButton->setObjectName(QStringLiteral("localButton"));
    m_localButton->setToolTip(tr("Find outliers in this process with the detection core"));
    m_remoteButton->setObjectName(QStringLiteral("remoteButton"));
    m_remoteButton->setToolTip(tr("Ask a server at the endpoint (outlierdesk.v1 or pb.Outliers/Detect): its own "
                                  "rule, or the method chosen here where it can run it. TLS and tokens: View > "
                                  "Connection"));
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
    m_endpointPrompt->setObjectName(QStringLiteral("endpointPrompt"));
    m_endpointPrompt->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_endpointPrompt->hide();

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

    m_remoteMethodCheck->setObjectName(QStringLiteral("remoteMethodCheck"));
    m_remoteMethodCheck->setToolTip(tr("Ask the server to run the method and parameters chosen here (servers with "
                                       "outlierdesk.v1, such as outlierd). Unchecked: the server applies its own "
                                       "rule, as pb.Outliers/Detect does."));

    m_detectButton->setObjectName(QStringLiteral("detectButton"));
    m_detectButton->setToolTip(tr("Run detection again (F5)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Detector:"), this));
    layout->addWidget(m_localButton);
    layout->addWidget(m_remoteButton);
    layout->addWidget(m_endpointEdit);
    layout->addWidget(m_endpointPrompt);
    layout->addWidget(m_remoteMethodCheck);
    layout->addSpacing(12);
    auto* methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(m_methodCombo);
    layout->addWidget(methodLabel);
    layout->addWidget(m_methodCombo);
    // Named by the method (Ratio, Alpha, k), as the status bar names it: set with the method.
    m_thresholdLabel->setObjectName(QStringLiteral("thresholdLabel"));
    m_thresholdLabel->setBuddy(m_thresholdSpin);
    layout->addWidget(m_thresholdLabel);
    layout->addWidget(m_thresholdSpin);
    layout->addWidget(m_paramBox);
    layout->addSpacing(12);
    layout->addWidget(m_detectButton);
    layout->addStretch(1);

    showChoice(DetectorChoice {}); // the core's default method, with its own threshold range

    connect(m_remoteButton, &QRadioButton::toggled, this, &DetectorPanel::onRemoteToggled);
    connect(m_endpointEdit, &QLineEdit::editingFinished, this, &DetectorPanel::onEndpointEdited);
    connect(m_endpointEdit, &QLineEdit::returnPressed, this, &DetectorPanel::onEndpointConfirmed);
    connect(m_remoteMethodCheck, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit choiceChanged();
    });
    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, [this] {
        onMethodChanged();
        changed();
    });
    connect(m_thresholdSpin, &QDoubleSpinBox::valueChanged, this, &DetectorPanel::changed);
    connect(m_detectButton, &QPushButton::clicked, this, [this] {
        if (isAskingForEndpoint())
            onRemoteToggled(); // ask again rather than detect locally under a Remote button
        else
            emit detectRequested();
    });
}

DetectorPanel::~DetectorPanel()
{
    // The endpoint box outlives this destructor's body; losing focus as the window goes, it
    // would call back into a panel that is no longer one.
    m_endpointEdit->disconnect(this);
}

DetectorChoice DetectorPanel::choice() const
{
    DetectorChoice c;
    c.remote = m_remoteButton->isChecked() && !isAskingForEndpoint();
    c.endpoint = m_endpointEdit->text().trimmed();
    c.method = m_methodCombo->currentData().toString();
    c.threshold = m_thresholdSpin->value();
    c.params = paramValues();
    c.remoteMethod = m_remoteMethodCheck->isChecked();
    return c;
}

bool DetectorPanel::isAskingForEndpoint() const
{
    // Another address than the suggestion in the box was put there by someone: it counts.
    const QString text = m_endpointEdit->text().trimmed();
    const bool suggestion = text.isEmpty() || text == DetectorChoice {}.endpoint;
    return m_remoteButton->isChecked() && !m_endpointGiven && suggestion;
}

void DetectorPanel::setChoice(const DetectorChoice& choice)
{
    const DetectorChoice before = this->choice();
    m_endpointGiven = true; // from the command line or the caller: given, not guessed
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
    const QSignalBlocker b1(m_remoteButton), b2(m_localButton), b3(m_methodCombo), b4(m_thresholdSpin),
        b5(m_remoteMethodCheck);
    m_remoteMethodCheck->setChecked(choice.remoteMethod);
    (choice.remote ? m_remoteButton : m_localButton)->setChecked(true);
    m_endpointEdit->setText(choice.endpoint);
    m_lastEndpoint = choice.endpoint;
    const int index = m_methodCombo->findData(choice.method);
    if (index >= 0) {
        m_methodCombo->setCurrentIndex(index);
        onMethodChanged();
        m_thresholdSpin->setValue(choice.threshold);
        buildParamBoxes(choice.params);
    }
    updateEnabled();
}

void DetectorPanel::restoreSettings(const QSettings& settings)
{
    DetectorChoice c = choice();
    m_endpointGiven = settings.contains(kEndpointKey);
    c.remote = settings.value(kRemoteKey, c.remote).toBool();
    c.endpoint = settings.value(kEndpointKey, c.endpoint).toString();
    c.method = settings.value(kMethodKey, c.method).toString();
    // A method stored without its threshold (a settings file written by hand, or moved by
    // migrateSettings) gets that method's default, not the default method's.
    const od::MethodInfo* stored = od::findMethod(c.method.toStdString());
    c.threshold = settings.value(kThresholdKey, stored ? stored->defaultThreshold : c.threshold).toDouble();
    c.remoteMethod = settings.value(kRemoteMethodKey, c.remoteMethod).toBool();
    for (const auto& m : od::methods()) {
        for (const auto& p : m.params) {
            const QString key
                = QStringLiteral("%1/%2/%3")
                      .arg(QLatin1String(kParamsGroup), QString::fromStdString(m.name), QString::fromStdString(p.key));
            if (settings.contains(key))
                m_paramMemory[QString::fromStdString(m.name)][QString::fromStdString(p.key)]
                    = settings.value(key).toDouble();
        }
    }
    c.params = m_paramMemory.value(c.method);
    showChoice(c);
}

void DetectorPanel::saveSettings(QSettings& settings) const
{
    const DetectorChoice c = choice();
    settings.setValue(kRemoteKey, c.remote);
    if (m_endpointGiven || c.endpoint != DetectorChoice {}.endpoint)
        settings.setValue(kEndpointKey, c.endpoint);
    else
        settings.remove(kEndpointKey); // the suggestion stays a suggestion on the next run
    settings.setValue(kMethodKey, c.method);
    settings.setValue(kThresholdKey, c.threshold);
    settings.setValue(kRemoteMethodKey, c.remoteMethod);
    QMap<QString, QMap<QString, double>> memory = m_paramMemory;
    memory[c.method] = c.params;
    for (auto m = memory.begin(); m != memory.end(); ++m) {
        for (auto p = m->begin(); p != m->end(); ++p)
            settings.setValue(QStringLiteral("%1/%2/%3").arg(QLatin1String(kParamsGroup), m.key(), p.key()), p.value());
    }
}

void DetectorPanel::changed()
{
    m_paramMemory[m_methodCombo->currentData().toString()] = paramValues();
    m_settle->start();
}

void DetectorPanel::buildParamBoxes(const QMap<QString, double>& values)
{
    auto* layout = static_cast<QHBoxLayout*>(m_paramBox->layout());
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const od::MethodInfo* info = od::findMethod(m_methodCombo->currentData().toString().toStdString());
    if (!info)
        return;
    for (const od::ParamInfo& p : info->params) {
        const QString key = QString::fromStdString(p.key);
        const double value = values.value(key, p.defaultValue);
        // "window (points)" reads as a sentence in the core, a label here.
        auto* label = new QLabel(paramLabel(p) + QLatin1Char(':'), m_paramBox);
        QAbstractSpinBox* box = nullptr;
        if (p.integer) {
            auto* spin = new QSpinBox(m_paramBox);
            // The core's ranges reach 1e7 points; a spin box holds what an int holds.
            spin->setRange(static_cast<int>(p.min), static_cast<int>(std::min(p.max, 1e9)));
            spin->setValue(static_cast<int>(value));
            if (p.min == 0)
                spin->setSpecialValueText(paramValueText(p, 0)); // 0 = inferred by the core
            connect(spin, &QSpinBox::valueChanged, this, &DetectorPanel::changed);
            box = spin;
        } else {
            auto* spin = new QDoubleSpinBox(m_paramBox);
            spin->setDecimals(p.max <= 1 ? 3 : 2);
            spin->setRange(p.min, p.max);
            spin->setSingleStep(p.max <= 1 ? 0.005 : 0.1);
            spin->setValue(value);
            connect(spin, &QDoubleSpinBox::valueChanged, this, &DetectorPanel::changed);
            box = spin;
        }
        box->setObjectName(boxName(p.key));
        box->setKeyboardTracking(false);
        box->setToolTip(tr("%1: %2 to %3, default %4")
                            .arg(QString::fromStdString(p.label))
                            .arg(p.min)
                            .arg(p.max)
                            .arg(p.defaultValue));
        label->setBuddy(box);
        layout->addWidget(label);
        layout->addWidget(box);
    }
}

QMap<QString, double> DetectorPanel::paramValues() const
{
    QMap<QString, double> values;
    const od::MethodInfo* info = od::findMethod(m_methodCombo->currentData().toString().toStdString());
    if (!info)
        return values;
    for (const od::ParamInfo& p : info->params) {
        if (auto* spin = m_paramBox->findChild<QSpinBox*>(boxName(p.key)))
            values.insert(QString::fromStdString(p.key), spin->value());
        else if (auto* dspin = m_paramBox->findChild<QDoubleSpinBox*>(boxName(p.key)))
            values.insert(QString::fromStdString(p.key), dspin->value());
    }
    return values;
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
    m_thresholdLabel->setText(QLatin1Char('&') + thresholdName(*info) + QLatin1Char(':'));
    m_thresholdSpin->setToolTip(QStringLiteral("%1: %2").arg(
        QString::fromStdString(info->thresholdLabel), QString::fromStdString(info->description)));
    m_methodCombo->setToolTip(QString::fromStdString(info->description));
    buildParamBoxes(m_paramMemory.value(QString::fromStdString(info->name)));
}

void DetectorPanel::onRemoteToggled()
{
    updateEnabled();
    if (isAskingForEndpoint()) {
        // No endpoint was ever given: calling the built-in suggestion now would reach whatever
        // listens there before the user could type the real one.
        m_endpointEdit->setFocus(Qt::OtherFocusReason);
        m_endpointEdit->selectAll();
        return;
    }
    emit choiceChanged();
}

void DetectorPanel::onEndpointConfirmed()
{
    if (m_endpointGiven || m_endpointEdit->text().trimmed().isEmpty())
        return; // onEndpointEdited() reports a change
    m_endpointGiven = true;
    updateEnabled();
    m_lastEndpoint = m_endpointEdit->text().trimmed();
    if (m_remoteButton->isChecked())
        emit choiceChanged();
    emit endpointChanged(m_lastEndpoint);
}

void DetectorPanel::onEndpointEdited()
{
    const QString endpoint = m_endpointEdit->text().trimmed();
    if (endpoint == m_lastEndpoint)
        return;
    m_lastEndpoint = endpoint;
    if (!endpoint.isEmpty())
        m_endpointGiven = true; // typed: given (Return or leaving the box)
    updateEnabled();
    if (m_remoteButton->isChecked())
        emit choiceChanged();
    emit endpointChanged(endpoint);
}

void DetectorPanel::updateEnabled()
{
    const bool remote = m_remoteButton->isChecked();
    m_endpointEdit->setEnabled(remote);
    // A server applies its own rule unless asked to run the method chosen here.
    const bool method = !remote || m_remoteMethodCheck->isChecked();
    m_remoteMethodCheck->setVisible(remote);
    m_endpointPrompt->setVisible(isAskingForEndpoint());
    m_methodCombo->setEnabled(method);
    m_thresholdSpin->setEnabled(method);
    m_paramBox->setEnabled(method);
}
