#include "desktop/panes/stock/stockdetectorbar.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSpinBox>

#include <algorithm>

namespace {

const char* kMethodKey = "stock/method";
const char* kThresholdKey = "stock/threshold";
const char* kWindowKey = "stock/window";
const char* kMemoryKey = "stock/memory";
const char* kPeriodKey = "stock/period";

QString methodLabel(od::OnlineMethod method)
{
    switch (method) {
    case od::OnlineMethod::Alarm:
        return QObject::tr("Alarm (records)");
    case od::OnlineMethod::RollingMad:
        return QObject::tr("Rolling median/MAD");
    case od::OnlineMethod::RollingZScore:
        break;
    }
    return QObject::tr("Rolling z-score");
}

int clampedInt(std::size_t value, const QSpinBox* spin)
{
    return std::clamp(int(std::min<std::size_t>(value, 1'000'000'000)), spin->minimum(), spin->maximum());
}

} // namespace

StockDetectorBar::StockDetectorBar(int maxWindow, QWidget* parent)
    : QWidget(parent)
    , m_methodCombo(new QComboBox(this))
    , m_thresholdSpin(new QDoubleSpinBox(this))
    , m_windowSpin(new QSpinBox(this))
    , m_memorySpin(new QSpinBox(this))
    , m_periodSpin(new QSpinBox(this))
{
    setObjectName(QStringLiteral("stockDetectorBar"));
    m_methodCombo->setObjectName(QStringLiteral("stockMethodCombo"));
    for (const od::OnlineMethod method : od::onlineMethods())
        m_methodCombo->addItem(methodLabel(method), QString::fromLatin1(od::onlineMethodName(method)));
    m_thresholdSpin->setObjectName(QStringLiteral("stockThresholdSpin"));
    m_thresholdSpin->setRange(0.5, 50);
    m_thresholdSpin->setDecimals(1);
    m_thresholdSpin->setSingleStep(0.5);
    m_thresholdSpin->setPrefix(tr("beyond "));
    m_thresholdSpin->setSuffix(QStringLiteral(" σ"));
    m_windowSpin->setObjectName(QStringLiteral("stockWindowSpin"));
    m_windowSpin->setRange(2, std::max(2, maxWindow));
    m_windowSpin->setPrefix(tr("over "));
    m_windowSpin->setSuffix(tr(" ticks"));
    // alarm's knobs, named as the main window's detector bar names them (Memory, Period).
    m_memorySpin->setObjectName(QStringLiteral("stockMemorySpin"));
    m_memorySpin->setRange(8, std::max(8, maxWindow));
    m_memorySpin->setSingleStep(100);
    m_memorySpin->setPrefix(tr("memory "));
    m_memorySpin->setSuffix(tr(" ticks"));
    m_periodSpin->setObjectName(QStringLiteral("stockPeriodSpin"));
    m_periodSpin->setRange(0, std::max(2, maxWindow));
    m_periodSpin->setPrefix(tr("period "));
    m_periodSpin->setSuffix(tr(" ticks"));
    m_periodSpin->setSpecialValueText(tr("no period")); // ticks have no day to infer one from

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Prefixes and suffixes rather than labels between the boxes: the row reads as a sentence
    // ("Unusual: rolling median, beyond 4.0 σ, over 30 ticks") and still fits a narrow dock.
    auto* methodLabelWidget = new QLabel(tr("&Unusual:"), this);
    methodLabelWidget->setBuddy(m_methodCombo);
    layout->addWidget(methodLabelWidget);
    layout->addWidget(m_methodCombo);
    layout->addWidget(m_thresholdSpin);
    layout->addWidget(m_windowSpin);
    layout->addWidget(m_memorySpin);
    layout->addWidget(m_periodSpin);

    const QSettings stored;
    od::OnlineSettings initial;
    initial.method = od::parseOnlineMethod(stored.value(kMethodKey).toString().toStdString()).value_or(initial.method);
    initial.threshold = stored.value(kThresholdKey, initial.threshold).toDouble();
    initial.window = std::size_t(std::max(0, stored.value(kWindowKey, int(initial.window)).toInt()));
    initial.alarm.memory = std::size_t(std::max(0, stored.value(kMemoryKey, int(initial.alarm.memory)).toInt()));
    initial.alarm.period = std::size_t(std::max(0, stored.value(kPeriodKey, int(initial.alarm.period)).toInt()));
    setSettings(initial);

    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, &StockDetectorBar::onEdited);
    connect(m_thresholdSpin, &QDoubleSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
    connect(m_windowSpin, &QSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
    connect(m_memorySpin, &QSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
    connect(m_periodSpin, &QSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
}

od::OnlineSettings StockDetectorBar::setSettings(od::OnlineSettings settings)
{
    settings.threshold = std::clamp(settings.threshold, m_thresholdSpin->minimum(), m_thresholdSpin->maximum());
    settings.window = std::size_t(clampedInt(settings.window, m_windowSpin));
    settings.alarm.memory = std::size_t(clampedInt(settings.alarm.memory, m_memorySpin));
    settings.alarm.period = std::size_t(clampedInt(settings.alarm.period, m_periodSpin));
    // A period of one tick is the step view again: stepping up from none goes to 2, down from 2 to none.
    if (settings.alarm.period == 1)
        settings.alarm.period = m_settings.alarm.period > 1 ? 0 : 2;
    m_settings = settings;
    {
        const QSignalBlocker blockMethod(m_methodCombo);
        const QSignalBlocker blockThreshold(m_thresholdSpin);
        const QSignalBlocker blockWindow(m_windowSpin);
        const QSignalBlocker blockMemory(m_memorySpin);
        const QSignalBlocker blockPeriod(m_periodSpin);
        m_methodCombo->setCurrentIndex(
            std::max(0, m_methodCombo->findData(QString::fromLatin1(od::onlineMethodName(settings.method)))));
        m_thresholdSpin->setValue(settings.threshold);
        m_windowSpin->setValue(int(settings.window));
        m_memorySpin->setValue(int(settings.alarm.memory));
        m_periodSpin->setValue(int(settings.alarm.period));
    }
    // Each method shows its own knobs; the others keep their values for when it comes back.
    const bool alarm = settings.method == od::OnlineMethod::Alarm;
    m_thresholdSpin->setVisible(!alarm);
    m_windowSpin->setVisible(!alarm);
    m_memorySpin->setVisible(alarm);
    m_periodSpin->setVisible(alarm);
    QSettings stored;
    stored.setValue(kMethodKey, QString::fromLatin1(od::onlineMethodName(settings.method)));
    stored.setValue(kThresholdKey, settings.threshold);
    stored.setValue(kWindowKey, int(settings.window));
    stored.setValue(kMemoryKey, int(settings.alarm.memory));
    stored.setValue(kPeriodKey, int(settings.alarm.period));
    updateToolTips();
    return settings;
}

QString StockDetectorBar::describe(const od::OnlineSettings& settings)
{
    const QLocale locale;
    switch (settings.method) {
    case od::OnlineMethod::Alarm:
        return tr("alarm, memory %1 ticks, %2")
            .arg(locale.toString(qulonglong(settings.alarm.memory)),
                settings.alarm.period == 0
                    ? tr("no period")
                    : tr("period %1 ticks").arg(locale.toString(qulonglong(settings.alarm.period))));
    case od::OnlineMethod::RollingMad:
        return tr("rolling median (MAD) beyond %1 over %2 ticks")
            .arg(locale.toString(settings.threshold, 'f', 1))
            .arg(settings.window);
    case od::OnlineMethod::RollingZScore:
        break;
    }
    return tr("rolling z-score beyond %1 over %2 ticks")
        .arg(locale.toString(settings.threshold, 'f', 1))
        .arg(settings.window);
}

void StockDetectorBar::onEdited()
{
    od::OnlineSettings edited = m_settings;
    edited.method
        = od::parseOnlineMethod(m_methodCombo->currentData().toString().toStdString()).value_or(edited.method);
    edited.threshold = m_thresholdSpin->value();
    edited.window = std::size_t(m_windowSpin->value());
    edited.alarm.memory = std::size_t(m_memorySpin->value());
    edited.alarm.period = std::size_t(m_periodSpin->value());
    if (edited == m_settings)
        return;
    emit settingsChanged(setSettings(edited));
}

void StockDetectorBar::updateToolTips()
{
    // All say the same about earlier markers: a change judges the kept ticks again.
    const QString again = tr("Changing it judges the ticks each line keeps again, so the red markers on the chart "
                             "follow the new setting; new ticks are judged the same way.");
    switch (m_settings.method) {
    case od::OnlineMethod::Alarm:
        m_methodCombo->setToolTip(
            tr("The app's default detector, as for files: a tick is unusual when its price, the mean of the last "
               "10, its step from the tick before or its change from one period earlier beats anything in memory. "
               "Nothing is judged before the first %1 ticks (or the whole memory, if shorter), and until the "
               "memory is full a tick must beat it by more. %2")
                .arg(od::AlarmDetector::kWarmUp)
                .arg(again));
        break;
    case od::OnlineMethod::RollingMad:
        m_methodCombo->setToolTip(tr("Each tick against the median of the ticks before it, in units of 1.4826 × "
                                     "their median absolute deviation (an estimate of σ that one spike barely "
                                     "moves). %1")
                                      .arg(again));
        m_thresholdSpin->setToolTip(tr("A tick is unusual when it is more than this many scaled MADs from the "
                                       "median of the ticks before it. %1")
                                        .arg(again));
        break;
    case od::OnlineMethod::RollingZScore:
        m_methodCombo->setToolTip(
            tr("Each tick against the mean and standard deviation of the ticks before it. %1").arg(again));
        m_thresholdSpin->setToolTip(tr("A tick is unusual when it is more than this many standard deviations from "
                                       "the mean of the ticks before it. %1")
                                        .arg(again));
        break;
    }
    m_windowSpin->setToolTip(tr("How many ticks before each one it is judged against. %1").arg(again));
    m_memorySpin->setToolTip(tr("How many ticks the price and the change from one period earlier are compared "
                                "with (the 10-tick mean with a quarter of them, the step with an eighth). %1")
                                 .arg(again));
    m_periodSpin->setToolTip(
        tr("Ticks in one season (\"same time yesterday\"); none leaves that view out. %1").arg(again));
}
