#pragma once
// Incidents someone has seen to ("planned restart"), remembered across runs in QSettings under
// incidents/acknowledged: per file (its absolute path; the paths of all files, one a line, when
// several were opened together), series and span. An incident is known by its alarm, the time
// its first flagged point: it keeps its acknowledgement while a followed file adds flags to it.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

class Acknowledgements
{
public:
    struct Entry
    {
        QString file; // see fileKey()
        QString series;
        std::int64_t startNs = 0; // the alarm: what the incident is known by
        std::int64_t endNs = 0; // its end when it was acknowledged, for people reading settings
        QString note;
    };

    // Reads what earlier runs remembered.
    Acknowledgements();

    // The file part of the key for a dataset read from these files.
    static QString fileKey(const QStringList& files);

    // Whether any incident of file is acknowledged.
    bool hasFile(const QString& file) const;
    // The note, when the incident starting at startNs in series of file is acknowledged.
    std::optional<QString> note(const QString& file, const QString& series, std::int64_t startNs) const;
    // Remembers (or, with a new note, replaces) an acknowledgement, and writes the settings.
    void acknowledge(const Entry& entry);
    // Forgets one, and writes the settings; nothing happens when there is none.
    void unacknowledge(const QString& file, const QString& series, std::int64_t startNs);

    const std::vector<Entry>& entries() const { return m_entries; }

private:
    std::vector<Entry>::iterator find(const QString& file, const QString& series, std::int64_t startNs);
    void load();
    void save() const;
    void reindex();

    std::vector<Entry> m_entries;
    // Each entry's place, by start, series and file: note() is asked once per incident shown (a
    // big file has a hundred thousand), and a search through every acknowledgement at each grew
    // with both.
    std::map<std::tuple<std::int64_t, QString, QString>, std::size_t> m_index;
};
