#pragma once
// Follow Changes with the alarm method, judged as a live line is: where each series' detector
// stopped at the end of a local run, so that the run over the grown file judges only the rows
// appended since (od::AlarmRun) and still equals a run over the whole file point for point.

#include "chart/detections.h"

#include "core/detect/alarm.h"
#include "core/series.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct AlarmResume
{
    struct Track
    {
        std::string name; // the series'
        od::AlarmRun run; // where its detector stopped
    };
    std::uint64_t lineage = 0; // Dataset::lineage of the file judged; 0: never resumed
    DetectionsPtr detections; // what the run found, one per series: the start of the next one's
    std::vector<Track> tracks; // one per series of the dataset judged, in its order
};
using AlarmResumePtr = std::shared_ptr<const AlarmResume>;

// alarm over series, the series at position `at` of a dataset of lineage `lineage`, with
// settings: goes on from `from` where that judged a shorter state of the same series with the
// same settings, else judges it all. Appends where its detector stopped to to.tracks (the
// caller's promise: `at` is to.tracks.size()). judged: how many points it judged.
od::Detection resumeAlarm(const od::Series& series, std::size_t at, std::uint64_t lineage,
    const od::AlarmSettings& settings, const AlarmResume* from, AlarmResume& to, std::size_t& judged);
