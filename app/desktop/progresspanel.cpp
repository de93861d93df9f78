#include "desktop/progresspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

ProgressPanel::ProgressPanel(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancelButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("progressPanel"));
    m_bar->setObjectName(QStringLiteral("progressBar"));
    m_bar->setFixedWidth(160);
    m_bar->setTextVisible(false);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the running task (Esc)"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancelButton);
    connect(m_cancelButton, &QToolButton::clicked, this, &ProgressPanel::cancelRequested);
    hide();
}

ProgressPanel::~ProgressPanel() = default;

void ProgressPanel::showTask(const QString& text, int value, int maximum)
{
    m_label->setText(text);
    m_bar->setRange(0, maximum);
    m_bar->setValue(value);
    show();
}

void ProgressPanel::finishTask()
{
    hide();
}
