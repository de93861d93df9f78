#include "desktop/detection/acknowledgements.h"

#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace {

const char* kArrayKey = "incidents/acknowledged";

} // namespace

Acknowledgements::Acknowledgements()
{
    load();
}

void Acknowledgements::load()
{
    m_entries.clear();
    QSettings settings;
    const int n = settings.beginReadArray(kArrayKey);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        Entry e;
        e.file = settings.value(QStringLiteral("file")).toString();
        e.series = settings.value(QStringLiteral("series")).toString();
        bool startOk = false;
        e.startNs = settings.value(QStringLiteral("start")).toLongLong(&startOk);
        e.endNs = settings.value(QStringLiteral("end")).toLongLong();
        e.note = settings.value(QStringLiteral("note")).toString();
        // A hand-edited entry without a file, series or start would match nothing: left out.
        if (!e.file.isEmpty() && !e.series.isEmpty() && startOk)
            m_entries.push_back(std::move(e));
    }
    settings.endArray();
    reindex();
}

void Acknowledgements::reindex()
{
    m_index.clear();
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        // A hand-edited duplicate: the first one counts, as the linear search had it.
        m_index.try_emplace({ e.startNs, e.series, e.file }, i);
    }
}

QString Acknowledgements::fileKey(const QStringList& files)
{
    QStringList paths;
    for (const QString& f : files)
        paths << QFileInfo(f).absoluteFilePath();
    return paths.join(QLatin1Char('\n'));
}

std::vector<Acknowledgements::Entry>::iterator Acknowledgements::find(
    const QString& file, const QString& series, std::int64_t startNs)
{
    const auto at = m_index.find({ startNs, series, file });
    return at == m_index.end() ? m_entries.end() : m_entries.begin() + static_cast<std::ptrdiff_t>(at->second);
}

bool Acknowledgements::hasFile(const QString& file) const
{
    return std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.file == file; });
}

std::optional<QString> Acknowledgements::note(const QString& file, const QString& series, std::int64_t startNs) const
{
    const auto it = const_cast<Acknowledgements*>(this)->find(file, series, startNs);
    if (it == m_entries.end())
        return std::nullopt;
    return it->note;
}

void Acknowledgements::acknowledge(const Entry& entry)
{
    load(); // another window may have remembered one since
    const auto it = find(entry.file, entry.series, entry.startNs);
    if (it != m_entries.end()) {
        *it = entry;
    } else {
        m_entries.push_back(entry);
        reindex();
    }
    save();
}

void Acknowledgements::unacknowledge(const QString& file, const QString& series, std::int64_t startNs)
{
    load();
    const auto it = find(file, series, startNs);
    if (it == m_entries.end())
        return;
    m_entries.erase(it);
    reindex();
    save();
}

void Acknowledgements::save() const
{
    // Written at once, not when the window closes: a crash or a second window must not lose one.
    QSettings settings;
    settings.remove(kArrayKey);
    settings.beginWriteArray(kArrayKey, int(m_entries.size()));
    for (int i = 0; i < int(m_entries.size()); ++i) {
        const Entry& e = m_entries[std::size_t(i)];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("file"), e.file);
        settings.setValue(QStringLiteral("series"), e.series);
        // As text: a 64-bit count of nanoseconds survives every settings format whole.
        settings.setValue(QStringLiteral("start"), QString::number(e.startNs));
        settings.setValue(QStringLiteral("end"), QString::number(e.endNs));
        settings.setValue(QStringLiteral("note"), e.note);
    }
    settings.endArray();
}
