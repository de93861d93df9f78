#pragma once
// Which detector the user picked in the detector panel.

#include "core/detector.h"

#include <QString>

struct DetectorChoice
{
    bool remote = false;
    QString endpoint = QStringLiteral("127.0.0.1:50051");
    // Local only: pb.Outliers/Detect applies the server's own rule and takes no parameters.
    // The core's default, chosen on evidence (see the README); thresholds are the method's own.
    QString method = QString::fromLatin1(od::kDefaultMethod);
    double threshold = od::defaultParams().threshold;

    bool operator==(const DetectorChoice&) const = default;
};
