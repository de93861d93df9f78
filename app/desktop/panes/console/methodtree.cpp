#include "desktop/panes/console/methodtree.h"

#include "rpc/console/call_kind.h"
#include "rpc/console/schema.h"

#include <google/protobuf/descriptor.h>

#include <QHeaderView>

MethodTree::MethodTree(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("methodTree"));
    setColumnCount(3);
    setHeaderLabels({ tr("Method"), tr("Kind"), tr("Request \u2192 Response") });
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->parent())
            emit methodChosen(item->data(0, Qt::UserRole).toString());
    });
}

void MethodTree::setSchema(const od::rpc::Schema& schema)
{
    clear();
    for (const auto& name : schema.serviceNames()) {
        auto* serviceItem = new QTreeWidgetItem(this, { QString::fromStdString(name) });
        const auto* service = schema.pool().FindServiceByName(name);
        if (!service) {
            serviceItem->setDisabled(true);
            serviceItem->setToolTip(0, tr("The server lists this service but does not describe it."));
            continue;
        }
        for (int i = 0; i < service->method_count(); ++i) {
            const auto& method = *service->method(i);
            auto* item = new QTreeWidgetItem(serviceItem,
                { QString::fromStdString(method.name()),
                    QString::fromLatin1(od::rpc::callKindName(od::rpc::callKind(method))),
                    QString::fromStdString(
                        method.input_type()->full_name() + " \u2192 " + method.output_type()->full_name()) });
            item->setData(0, Qt::UserRole, QString::fromStdString(od::rpc::methodName(method)));
            item->setToolTip(
                0, tr("%1 (%2): %3").arg(item->data(0, Qt::UserRole).toString(), item->text(1), item->text(2)));
        }
        serviceItem->setExpanded(true);
    }
}

bool MethodTree::selectMethod(const QString& name)
{
    for (int s = 0; s < topLevelItemCount(); ++s) {
        auto* service = topLevelItem(s);
        for (int m = 0; m < service->childCount(); ++m) {
            if (service->child(m)->data(0, Qt::UserRole).toString() == name) {
                setCurrentItem(service->child(m));
                return true;
            }
        }
    }
    return false;
}

QString MethodTree::currentMethod() const
{
    const auto* item = currentItem();
    return item && item->parent() ? item->data(0, Qt::UserRole).toString() : QString();
}
