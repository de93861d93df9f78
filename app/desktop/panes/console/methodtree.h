#pragma once
// The services of a Schema and their methods, each with its kind and message types; picking a
// method reports its name (package.Service/Method).

#include <QTreeWidget>

#include <memory>

namespace od::rpc {
class Schema;
}

class MethodTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit MethodTree(QWidget* parent = nullptr);

    // Replaces the tree; services without a description (e.g. a health service the server lists
    // but cannot describe) are shown greyed, without methods.
    void setSchema(const od::rpc::Schema& schema);
    // Selects the method by name; false when the tree has no such method.
    bool selectMethod(const QString& name);
    // The selected method's name, or empty when a service or nothing is selected.
    QString currentMethod() const;

signals:
    void methodChosen(const QString& name);
};
