#pragma once
// How the app names a method's knobs, so that the detector bar and the status bar (and the
// exports' headers) say the same thing: the threshold by its own name ("Ratio", "Alpha", "k"),
// the further parameters by their labels, with "auto" where 0 leaves the value to the core;
// and how it names the run that found what is shown.

#include "desktop/detection/detectorchoice.h"

#include "core/detect/detector.h"

#include <QString>

struct DetectionOutcome;

// The threshold's name in the method's own terms: "Ratio" for alarm, "Alpha" for esd, "k" for
// zscore (a single letter stays a letter, as in a formula).
QString thresholdName(const od::MethodInfo& method);
// A parameter's name as the detector bar labels it: "Memory", "Window (points)".
QString paramLabel(const od::ParamInfo& param);
// The same without the unit in brackets, for running text: "Memory", "Window".
QString paramName(const od::ParamInfo& param);
// A parameter's value as its box shows it: "auto" for 0 where 0 means inferred.
QString paramValueText(const od::ParamInfo& param, double value);
// The threshold and every parameter of the chosen method, in the detector bar's words and
// order: "Ratio 1.3, Memory 4000, Period auto". An unknown method: its keys and values.
QString describeKnobs(const DetectorChoice& choice);
// The method with its knobs, in the detector bar's words: "alarm (Ratio 1.3, Memory 4000,
// Period auto)", "mad (t 3.5)".
QString describeMethod(const DetectorChoice& choice);
// Where and by what a run's outliers were found: "local mad (t 3.5)", "remote host:50051 (its
// own rule)". A server that could not run the method asked for is said to have used its own rule.
QString describeRun(const DetectionOutcome& outcome);
