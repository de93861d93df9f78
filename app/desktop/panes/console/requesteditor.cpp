#include "desktop/panes/console/requesteditor.h"

#include "chart/theme.h"

#include "core/result.h"
#include "rpc/console/json_template.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

void setErrorColour(QLabel* label, bool error)
{
    QPalette palette = label->parentWidget()->palette();
    if (error)
        palette.setColor(QPalette::WindowText, errorTextColour(palette));
    label->setPalette(palette);
}

RequestEditor::RequestEditor(QWidget* parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_errorLabel(new QLabel(this))
{
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("Pick a method: its request appears here as JSON."));
    m_errorLabel->setObjectName(QStringLiteral("requestError"));
    m_errorLabel->setWordWrap(true);
    setErrorColour(m_errorLabel, true);
    m_errorLabel->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_errorLabel);
}

QString RequestEditor::text() const
{
    return m_editor->toPlainText();
}

void RequestEditor::setText(const QString& text)
{
    m_editor->setPlainText(text);
}

void RequestEditor::setTemplate(const google::protobuf::Message& prototype)
{
    m_editor->setPlainText(QString::fromStdString(od::rpc::jsonTemplate(prototype)));
    hideError();
}

void RequestEditor::showError(const od::Error& error)
{
    if (error.line <= 0) {
        showError(QString::fromStdString(error.message));
        return;
    }
    QTextCursor cursor(m_editor->document()->findBlockByNumber(error.line - 1));
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, error.column - 1));
    m_editor->setTextCursor(cursor);
    showError(
        tr("Line %1, column %2: %3").arg(error.line).arg(error.column).arg(QString::fromStdString(error.message)));
}

void RequestEditor::showError(const QString& text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void RequestEditor::hideError()
{
    m_errorLabel->hide();
}

QString RequestEditor::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}
