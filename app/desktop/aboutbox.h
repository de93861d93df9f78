#pragma once
// Help > About: what this build is and what it was built on, for bug reports.

#include <QString>

class QMessageBox;
class QWidget;

// Rich text naming OutlierDesk's version and the versions of Qt (the one running, and the one
// built against when they differ), gRPC and protobuf.
QString aboutText();

// Opens the About box without blocking (it deletes itself when closed) and returns it.
QMessageBox* showAboutBox(QWidget* parent);
