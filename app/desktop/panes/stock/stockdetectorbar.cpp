#include "desktop/panes/stock/stockdetectorbar.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

#include <algorithm>

namespace {

const char* kMethodKey = "stock/method";
const char* kThresholdKey = "stock/threshold";
const char* kWindowKey = "stock/window";

QString methodLabel(od::OnlineMethod method)
{
    return method == od::OnlineMethod::RollingMad ? QObject::tr("Rolling median/MAD") : QObject::tr("Rolling z-score");
}

} // namespace

StockDetectorBar::StockDetectorBar(int maxWindow, QWidget* parent)
    : QWidget(parent)
    , m_methodCombo(new QComboBox(this))
    , m_thresholdSpin(new QDoubleSpinBox(this))
    , m_windowSpin(new QSpinBox(this))
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

    const QSettings stored;
    od::OnlineSettings initial;
    initial.method = od::parseOnlineMethod(stored.value(kMethodKey).toString().toStdString()).value_or(initial.method);
    initial.threshold = stored.value(kThresholdKey, initial.threshold).toDouble();
    initial.window = std::size_t(std::max(0, stored.value(kWindowKey, int(initial.window)).toInt()));
    setSettings(initial);

    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, &StockDetectorBar::onEdited);
    connect(m_thresholdSpin, &QDoubleSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
    connect(m_windowSpin, &QSpinBox::valueChanged, this, &StockDetectorBar::onEdited);
}

od::OnlineSettings StockDetectorBar::setSettings(od::OnlineSettings settings)
{
    settings.threshold = std::clamp(settings.threshold, m_thresholdSpin->minimum(), m_thresholdSpin->maximum());
    settings.window = std::size_t(std::clamp(
        int(std::min<std::size_t>(settings.window, 1'000'000)), m_windowSpin->minimum(), m_windowSpin->maximum()));
    m_settings = settings;
    {
        const QSignalBlocker blockMethod(m_methodCombo);
        const QSignalBlocker blockThreshold(m_thresholdSpin);
        const QSignalBlocker blockWindow(m_windowSpin);
        m_methodCombo->setCurrentIndex(
            std::max(0, m_methodCombo->findData(QString::fromLatin1(od::onlineMethodName(settings.method)))));
        m_thresholdSpin->setValue(settings.threshold);
        m_windowSpin->setValue(int(settings.window));
    }
    QSettings stored;
    stored.setValue(kMethodKey, QString::fromLatin1(od::onlineMethodName(settings.method)));
    stored.setValue(kThresholdKey, settings.threshold);
    stored.setValue(kWindowKey, int(settings.window));
    updateToolTips();
    return settings;
}

void StockDetectorBar::onEdited()
{
    od::OnlineSettings edited;
    edited.method
        = od::parseOnlineMethod(m_methodCombo->currentData().toString().toStdString()).value_or(edited.method);
    edited.threshold = m_thresholdSpin->value();
    edited.window = std::size_t(m_windowSpin->value());
    if (edited == m_settings)
        return;
    emit settingsChanged(setSettings(edited));
}

void StockDetectorBar::updateToolTips()
{
    // Both say the same about earlier markers: a change judges the kept ticks again.
    const QString again = tr("Changing it judges the ticks each line keeps again, so the red markers on the chart "
                             "follow the new setting; new ticks are judged the same way.");
    if (m_settings.method == od::OnlineMethod::RollingMad) {
        m_methodCombo->setToolTip(tr("Each tick against the median of the ticks before it, in units of 1.4826 × "
                                     "their median absolute deviation (an estimate of σ that one spike barely "
                                     "moves). %1")
                                      .arg(again));
        m_thresholdSpin->setToolTip(tr("A tick is unusual when it is more than this many scaled MADs from the "
                                       "median of the ticks before it. %1")
                                        .arg(again));
    } else {
        m_methodCombo->setToolTip(
            tr("Each tick against the mean and standard deviation of the ticks before it. %1").arg(again));
        m_thresholdSpin->setToolTip(tr("A tick is unusual when it is more than this many standard deviations from "
                                       "the mean of the ticks before it. %1")
                                        .arg(again));
    }
    m_windowSpin->setToolTip(tr("How many ticks before each one it is judged against. %1").arg(again));
}
