#include "desktop/detection/detectorwords.h"

#include "desktop/detection/detectionrunner.h"

#include <QLocale>
#include <QObject>

namespace {

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QString number(double value)
{
    return QString::number(value, 'g', 10); // as typed: "1.3", "4000", "0.05"
}

} // namespace

QString thresholdName(const od::MethodInfo& method)
{
    const QString label = QString::fromStdString(method.thresholdLabel);
    const QString first = label.section(QLatin1Char(' '), 0, 0);
    return first.size() > 1 ? capitalized(first) : first;
}

QString paramLabel(const od::ParamInfo& param)
{
    return capitalized(QString::fromStdString(param.label));
}

QString paramName(const od::ParamInfo& param)
{
    const QString label = paramLabel(param);
    const qsizetype bracket = label.indexOf(QLatin1String(" ("));
    return bracket < 0 ? label : label.left(bracket);
}

QString paramValueText(const od::ParamInfo& param, double value)
{
    if (param.integer && param.min == 0 && value == 0)
        return QObject::tr("auto");
    return number(value);
}

QString describeKnobs(const DetectorChoice& choice)
{
    const od::MethodInfo* method = od::findMethod(choice.method.toStdString());
    QStringList parts;
    if (!method) {
        parts << QStringLiteral("threshold %1").arg(number(choice.threshold));
        for (auto it = choice.params.begin(); it != choice.params.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.key(), number(it.value()));
        return parts.join(QStringLiteral(", "));
    }
    parts << QStringLiteral("%1 %2").arg(thresholdName(*method), number(choice.threshold));
    for (const od::ParamInfo& p : method->params) {
        const double value = choice.params.value(QString::fromStdString(p.key), p.defaultValue);
        parts << QStringLiteral("%1 %2").arg(paramName(p), paramValueText(p, value));
    }
    return parts.join(QStringLiteral(", "));
}

QString describeMethod(const DetectorChoice& choice)
{
    return QStringLiteral("%1 (%2)").arg(choice.method, describeKnobs(choice));
}

QString describeRun(const DetectionOutcome& outcome)
{
    const DetectorChoice& choice = outcome.choice;
    if (!choice.remote)
        return QObject::tr("local %1").arg(describeMethod(choice));
    if (!choice.remoteMethod)
        return QObject::tr("remote %1 (its own rule)").arg(choice.endpoint);
    // A server without outlierdesk.v1 answered with pb.Outliers/Detect: its own rule, whatever
    // was asked. Say so, or a comparison of methods would compare nothing.
    if (!outcome.usedDetectorService)
        return QObject::tr("remote %1 (its own rule: the server cannot run %2)").arg(choice.endpoint, choice.method);
    return QObject::tr("remote %1 %2").arg(choice.endpoint, describeMethod(choice));
}
