#include "desktop/aboutbox.h"

#include <QMessageBox>
#include <QtGlobal>

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

#ifndef OD_VERSION
#error "OD_VERSION must be defined by the build"
#endif

QString aboutText()
{
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QLatin1String(QT_VERSION_STR))
        qt += QObject::tr(" (built with %1)").arg(QLatin1String(QT_VERSION_STR));
    return QObject::tr("<h3>OutlierDesk %1</h3>"
                       "<p>Plots metric CSV files and marks their outliers, found in process or by a "
                       "remote detector over gRPC.</p>"
                       "<table>"
                       "<tr><td>Qt</td><td>%2</td></tr>"
                       "<tr><td>gRPC</td><td>%3</td></tr>"
                       "<tr><td>protobuf</td><td>%4</td></tr>"
                       "</table>")
        .arg(QStringLiteral(OD_VERSION), qt, QString::fromStdString(grpc::Version()),
            QString::fromStdString(google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)));
}

QMessageBox* showAboutBox(QWidget* parent)
{
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(QObject::tr("About OutlierDesk"));
    box->setTextFormat(Qt::RichText);
    box->setText(aboutText());
    box->setIconPixmap(QPixmap());
    box->setStandardButtons(QMessageBox::Close);
    box->open();
    return box;
}
