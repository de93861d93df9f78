#pragma once
// What the outliers and incidents tables share: a table model over a vector of rows that sorts
// itself on raw keys (no QSortFilterProxyModel, which would compare QVariants millions of times),
// keeps the selected and current rows on their items across a sort, and answers rowCount,
// columnCount and the horizontal header from one list of columns.
//
// A template rather than a QObject base: moc takes no templates, and the signals it emits are
// QAbstractItemModel's own. Derived models declare Q_OBJECT as usual.

#include <QAbstractTableModel>

#include <algorithm>
#include <utility>
#include <vector>

template <typename Row> class SelfSortingTableModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : m_columns; }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns)
            return QAbstractTableModel::headerData(section, orientation, role);
        return headerText(section);
    }

    // Sorts by column and keeps it sorted as rows are set; persistent indexes (the view's
    // selection and current row) follow their items to their new places.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override
    {
        m_sortColumn = column;
        m_sortOrder = order;
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        std::vector<Row> kept;
        kept.reserve(static_cast<std::size_t>(before.size()));
        for (const QModelIndex& i : before)
            kept.push_back(m_rows[static_cast<std::size_t>(i.row())]);
        if (m_sortColumn >= 0 && m_sortColumn < m_columns && !m_rows.empty())
            applySort();
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype j = 0; j < before.size(); ++j) {
            const Row& item = kept[static_cast<std::size_t>(j)];
            const auto at = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& r) { return sameItem(r, item); });
            after.push_back(index(static_cast<int>(at - m_rows.begin()), before[j].column()));
        }
        changePersistentIndexList(before, after);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

protected:
    explicit SelfSortingTableModel(int columns, QObject* parent = nullptr)
        : QAbstractTableModel(parent)
        , m_columns(columns)
    { }

    // Numbers read right-aligned, as in a spreadsheet; text stays as the style has it.
    static QVariant numberAlignment() { return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); }

    // The header's text of a column (0 <= column < columnCount()).
    virtual QString headerText(int column) const = 0;
    // Whether two rows show the same item: the one a selected row must stay on after a sort.
    virtual bool sameItem(const Row& a, const Row& b) const = 0;
    // Puts m_rows in the order of m_sortColumn and m_sortOrder; called with a valid column and
    // at least one row, after rows are set (resortRows()) and on sort().
    virtual void applySort() = 0;

    // To call after setting m_rows (inside the reset): sorts them as the view asked last.
    void resortRows()
    {
        if (m_sortColumn >= 0 && m_sortColumn < m_columns && !m_rows.empty())
            applySort();
    }

    // Sorts by less (an ascending order), stably, in the order asked.
    template <typename Less> void sortRows(Less less)
    {
        if (m_sortOrder == Qt::AscendingOrder)
            std::stable_sort(m_rows.begin(), m_rows.end(), less);
        else
            std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& a, const Row& b) { return less(b, a); });
    }

    // Sorts on a key made once per row (text made for the purpose, say), compared with less.
    template <typename KeyOf, typename Less> void sortRowsByKey(KeyOf keyOf, Less less)
    {
        // The keys are sorted by position, and the rows moved once into their places: rows
        // (with strings and optionals in them) are not shuffled about by the sort itself.
        using Key = decltype(keyOf(m_rows.front()));
        std::vector<Key> keys;
        keys.reserve(m_rows.size());
        for (const Row& r : m_rows)
            keys.push_back(keyOf(r));
        const bool ascending = m_sortOrder == Qt::AscendingOrder;
        const auto before = [&](const Key& a, const Key& b) { return ascending ? less(a, b) : less(b, a); };
        // Rows often come in the order asked (a series' outliers and incidents by time): the
        // stable sort would leave them as they are, and reading the keys was all it took.
        if (std::is_sorted(keys.begin(), keys.end(), before))
            return;
        std::vector<std::size_t> order(m_rows.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(
            order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return before(keys[a], keys[b]); });
        std::vector<Row> sorted;
        sorted.reserve(m_rows.size());
        for (const std::size_t i : order)
            sorted.push_back(std::move(m_rows[i]));
        m_rows = std::move(sorted);
    }

    std::vector<Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

private:
    int m_columns;
};
