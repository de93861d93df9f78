#pragma once
// Which detector the user picked in the detector panel.

#include "core/detect/detector.h"

#include <QMap>
#include <QString>

struct DetectorChoice
{
    bool remote = false;
    QString endpoint = QStringLiteral("127.0.0.1:50051");
    // Local only: pb.Outliers/Detect applies the server's own rule and takes no parameters.
    // The core's default, chosen on evidence (see the README); thresholds are the method's own.
    QString method = QString::fromLatin1(od::kDefaultMethod);
    double threshold = od::defaultParams().threshold;
    // The method's further parameters by ParamInfo key ("window", "period", ...); a key left
    // out takes the core's default.
    QMap<QString, double> params;
    // Remote: false sends no method (the server's own rule, as pb.Outliers/Detect servers run);
    // true asks for the method above, which servers with outlierdesk.v1 apply.
    bool remoteMethod = false;

    bool operator==(const DetectorChoice&) const = default;
};
