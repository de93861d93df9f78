#pragma once
// The console's request: JSON in a plain-text editor, prefilled with a template of the
// method's request type (every field, nested, with its default), and under it the reason a
// request does not read. An error with a line and column puts the cursor there; the text is
// always kept as typed.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
namespace google::protobuf {
class Message;
}
namespace od {
struct Error;
}

class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_editor; }
    QString text() const;
    void setText(const QString& text);
    // The template of prototype's type replaces the text.
    void setTemplate(const google::protobuf::Message& prototype);

    // "Line L, column C: ..." with the cursor moved there, or the message alone.
    void showError(const od::Error& error);
    void showError(const QString& text);
    void hideError();
    // The error shown, or empty.
    QString errorText() const;

private:
    QPlainTextEdit* m_editor;
    QLabel* m_errorLabel;
};

// Errors read in the theme's error colour, light or dark; normal text otherwise.
void setErrorColour(QLabel* label, bool error);
