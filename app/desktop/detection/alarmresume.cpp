#include "desktop/detection/alarmresume.h"

namespace {

// The track of `from` that the series at `at` may go on from, or null.
const AlarmResume::Track* resumable(const od::Series& series, std::size_t at, std::uint64_t lineage,
    const od::AlarmSettings& settings, const AlarmResume* from)
{
    // Another lineage is another file, or the same one cut or replaced: its prefix differs.
    if (!from || lineage == 0 || from->lineage != lineage || !from->detections)
        return nullptr;
    if (at >= from->tracks.size() || at >= from->detections->size())
        return nullptr;
    const AlarmResume::Track& track = from->tracks[at];
    // A grown file may infer another period once it holds a few days: the whole series is
    // judged again then, as a run over the whole file would judge it.
    if (track.name != series.name || !(track.run.settings() == settings) || track.run.judged() > series.size())
        return nullptr;
    return &track;
}

} // namespace

od::Detection resumeAlarm(const od::Series& series, std::size_t at, std::uint64_t lineage,
    const od::AlarmSettings& settings, const AlarmResume* from, AlarmResume& to, std::size_t& judged)
{
    if (const AlarmResume::Track* track = resumable(series, at, lineage, settings, from)) {
        // Copies: the earlier detection is shown meanwhile, and a run may yet be superseded.
        od::AlarmRun run = track->run;
        od::Detection d = (*from->detections)[at];
        judged = series.size() - run.judged();
        run.extend(series.values, d);
        to.tracks.push_back({ series.name, std::move(run) });
        return d;
    }
    // The band worked out again for the points a chart zooms in on, not kept at every point
    // (16 bytes a point): the detections and their copies cost their flags and blocks.
    od::AlarmRun run(settings, od::BandDetail::Replayed);
    od::Detection d = run.start();
    run.extend(series.values, d);
    judged = series.size();
    to.tracks.push_back({ series.name, std::move(run) });
    return d;
}
