#include "desktop/panes/console/methodsource.h"

#include "desktop/panes/console/consolelists.h"

#include "rpc/console/proto_files.h"
#include "rpc/console/reflection.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

MethodSource::MethodSource(QWidget* parent)
    : QWidget(parent)
    , m_protoEdit(new QLineEdit(this))
    , m_importEdit(new QLineEdit(this))
    , m_discoverButton(new QPushButton(tr("D&iscover"), this))
    , m_job(this, 2)
{
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
    connect(m_discoverButton, &QPushButton::clicked, this, &MethodSource::discoverRequested);

    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* protoRow = new QHBoxLayout;
    protoRow->addWidget(m_protoEdit, 1);
    protoRow->addWidget(browse);
    protoRow->addWidget(m_discoverButton);
    layout->addRow(tr("Methods from:"), protoRow);
    layout->addRow(tr("Import paths:"), m_importEdit);
}

MethodSource::~MethodSource() = default; // m_job cancels and waits, now briefly

QStringList MethodSource::protoFiles() const
{
    return splitList(m_protoEdit->text());
}

QStringList MethodSource::importPaths() const
{
    return splitList(m_importEdit->text());
}

void MethodSource::setFiles(const QStringList& files, const QStringList& importPaths)
{
    m_protoEdit->setText(files.join(QStringLiteral(";")));
    m_importEdit->setText(importPaths.join(QStringLiteral(";")));
}

void MethodSource::fillIfEmpty(const QStringList& files, const QStringList& importPaths)
{
    if (m_protoEdit->text().isEmpty())
        m_protoEdit->setText(files.join(QStringLiteral(";")));
    if (m_importEdit->text().isEmpty())
        m_importEdit->setText(importPaths.join(QStringLiteral(";")));
}

void MethodSource::start(
    std::shared_ptr<grpc::Channel> channel, const od::rpc::CallSettings& settings, const od::rpc::ChannelFacts& facts)
{
    m_job.start(
        [channel = std::move(channel), settings, facts, files = toStd(protoFiles()), imports = toStd(importPaths())](
            QPromise<Outcome>& promise, Job& job) {
            auto asked = settings;
            asked.canceller = &job.canceller;
            auto schema = files.empty() ? od::rpc::discoverByReflection(channel, asked, facts)
                                        : od::rpc::loadProtoFiles(files, imports);
            Outcome outcome;
            if (schema)
                outcome.schema = std::make_shared<const od::rpc::Schema>(std::move(*schema));
            else
                outcome.error = QString::fromStdString(schema.error().toString());
            promise.addResult(outcome);
        },
        {},
        [this](const QFuture<Outcome>& future) {
            if (future.resultCount() > 0)
                emit finished(future.result().schema, future.result().error);
            else
                emit finished(nullptr, tr("discovery ended without an answer"));
        });
}

void MethodSource::cancel()
{
    m_job.cancel();
}

bool MethodSource::isBusy() const
{
    return m_job.isBusy();
}

void MethodSource::setDiscoverEnabled(bool enabled)
{
    m_discoverButton->setEnabled(enabled);
}
