#pragma once
// Settings that earlier versions wrote, moved once to what this version means by them. The
// stored key settings/version says which moves an install has had, so each runs exactly once:
// what the user chooses afterwards is theirs and is never moved again.

class QSettings;

// The version this build writes; a move bumps it and adds its step to migrateSettings().
inline constexpr int kSettingsVersion = 1;

// Runs every step newer than the stored version, oldest first, then stores kSettingsVersion.
// Safe to call at every start (it does nothing once the version is current).
//
// Version 1: the live prices pane's method (stock/method) moves from "rolling" to "alarm", the
// default since alarm judged live ticks. Earlier versions wrote the method at every start, so a
// stored "rolling" is almost always the old default rather than a choice; "rolling-mad" never
// was a default, so it stays. The window's detector (detector/method) moves the same way when it
// is rolling at rolling's default threshold; its threshold key goes with it, so alarm starts at
// its own.
void migrateSettings(QSettings& settings);
