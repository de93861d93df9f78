#pragma once
// Table rows as text for the clipboard (tab-separated, pastes into spreadsheets and chat) and
// for export (RFC 4180 CSV), with the header row first.

#include <QModelIndexList>
#include <QString>

class QAbstractItemModel;

// rows: any indexes of the rows to include (duplicates per row are fine), in any order; they
// come out in the model's row order. An empty list means every row.
QString rowsAsTsv(const QAbstractItemModel& model, QModelIndexList rows = {});
QString rowsAsCsv(const QAbstractItemModel& model);
