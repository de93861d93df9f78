#pragma once
// The lines of the console's response view: responses (one line of JSON after its time offset)
// and notes (headers, trailers, the final status), oldest first, keeping the last maxResponses
// responses. A list model, so the view draws only the rows in sight: trimming the oldest lines
// of a QPlainTextEdit under a flood cost up to a quarter of a second per frame.

#include <QAbstractListModel>
#include <QString>

#include <deque>
#include <vector>

class ResponseLinesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    struct Line
    {
        QString text;
        bool note = false;
    };
    // Qt::UserRole: true for a note.
    static constexpr int NoteRole = Qt::UserRole;

    explicit ResponseLinesModel(std::size_t maxResponses, QObject* parent = nullptr);

    // Appends lines in order, then drops the oldest lines (notes among them go too) until at
    // most maxResponses responses are left: one insert and at most one removal per call.
    void append(std::vector<Line>&& lines);
    void clear();

    std::size_t responses() const { return m_responses; }
    QStringList texts() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    const std::size_t m_maxResponses;
    std::deque<Line> m_lines;
    std::size_t m_responses = 0;
};
