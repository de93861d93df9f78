#include "desktop/panes/console/callsettingsbar.h"

#include "desktop/panes/console/consolelists.h"
#include "desktop/panes/console/consolememory.h"

#include "rpc/client/channel_config.h"
#include "rpc/console/generic_call.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

CallSettingsBar::CallSettingsBar(QWidget* parent)
    : QWidget(parent)
    , m_deadlineSpin(new QDoubleSpinBox(this))
    , m_metadataEdit(new QLineEdit(this))
    , m_maxSizeSpin(new QSpinBox(this))
{
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

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Deadline:"), this));
    layout->addWidget(m_deadlineSpin);
    layout->addWidget(new QLabel(tr("Metadata:"), this));
    layout->addWidget(m_metadataEdit, 1);
    layout->addWidget(new QLabel(tr("Max:"), this));
    layout->addWidget(m_maxSizeSpin);
}

bool CallSettingsBar::read(od::rpc::CallSettings& out, int& maxMb, QString& error) const
{
    out.deadline = std::chrono::milliseconds(qint64(m_deadlineSpin->value() * 1000.0));
    out.metadata.clear();
    for (const QString& line : metadataLines()) {
        std::pair<std::string, std::string> header;
        if (auto problem = od::rpc::parseHeader(line.toStdString(), header)) {
            error = tr("Metadata '%1': %2").arg(line, QString::fromStdString(*problem));
            return false;
        }
        out.metadata.push_back(std::move(header));
    }
    maxMb = m_maxSizeSpin->value();
    return true;
}

double CallSettingsBar::deadlineSeconds() const
{
    return m_deadlineSpin->value();
}

QStringList CallSettingsBar::metadataLines() const
{
    return splitList(m_metadataEdit->text());
}

int CallSettingsBar::maxMessageMb() const
{
    return m_maxSizeSpin->value();
}

void CallSettingsBar::recall(const ConsoleMemory& memory)
{
    m_deadlineSpin->setValue(memory.deadlineSeconds);
    m_metadataEdit->setText(memory.metadata.join(QStringLiteral("; ")));
    m_maxSizeSpin->setValue(memory.maxMessageMb);
}

void CallSettingsBar::store(ConsoleMemory& memory) const
{
    memory.deadlineSeconds = deadlineSeconds();
    memory.metadata = metadataLines();
    memory.maxMessageMb = maxMessageMb();
}
