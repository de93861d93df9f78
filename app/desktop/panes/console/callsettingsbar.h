#pragma once
// A console call's own settings, in one row: the deadline, metadata for this call only, and
// the largest message sent or received (0 = the connection's limit).

#include <QWidget>

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
struct ConsoleMemory;
namespace od::rpc {
struct CallSettings;
}

class CallSettingsBar : public QWidget
{
    Q_OBJECT
public:
    explicit CallSettingsBar(QWidget* parent = nullptr);

    // The deadline and metadata as a call takes them, and the size limit in MB (0: the
    // connection's). False with the reason in error when a metadata line does not read.
    bool read(od::rpc::CallSettings& out, int& maxMb, QString& error) const;

    double deadlineSeconds() const;
    QStringList metadataLines() const;
    int maxMessageMb() const;

    void recall(const ConsoleMemory& memory);
    void store(ConsoleMemory& memory) const;

private:
    QDoubleSpinBox* m_deadlineSpin;
    QLineEdit* m_metadataEdit;
    QSpinBox* m_maxSizeSpin;
};
