#include "desktop/statusreport.h"

#include "chart/theme.h"
#include "desktop/numbertext.h"

#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>

StatusReport::StatusReport(QMainWindow* window, QWidget* progress)
    : QObject(window)
    , m_window(window)
{
    // Tests and style sheets find the widgets by these names.
    const auto make = [window]<typename W>(W*& widget, const char* name) {
        widget = new W(window);
        widget->setObjectName(QLatin1String(name));
    };
    make(m_messageLabel, "statusMessage");
    make(m_detailButton, "messageDetailButton");
    make(m_dataLabel, "dataLabel");
    make(m_skippedButton, "skippedButton");
    make(m_detectLabel, "detectLabel");
    make(m_followLabel, "followLabel");
    QStatusBar* bar = window->statusBar();
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long gRPC message must not widen the window; the full text is in the tooltip.
    m_messageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_messageLabel->setMinimumWidth(200);
    bar->addWidget(m_messageLabel, 1);
    m_detailButton->setText(tr("Details..."));
    m_detailButton->setAutoRaise(true);
    m_detailButton->setToolTip(tr("Show the full report (Ctrl+D)"));
    m_detailButton->setShortcut(QKeySequence(tr("Ctrl+D")));
    m_detailButton->hide();
    connect(m_detailButton, &QToolButton::clicked, this, &StatusReport::showMessageDetail);
    bar->addWidget(m_detailButton);
    bar->addPermanentWidget(progress);
    bar->addPermanentWidget(m_dataLabel);
    // Rows the reader left out stay counted here for as long as the data is shown.
    m_skippedButton->setAutoRaise(true);
    m_skippedButton->setIcon(window->style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_skippedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_skippedButton->setToolTip(tr("Which rows could not be read, and why"));
    m_skippedButton->hide();
    connect(m_skippedButton, &QToolButton::clicked, this, &StatusReport::showSkippedRows);
    bar->addPermanentWidget(m_skippedButton);
    bar->addPermanentWidget(m_detectLabel);
    m_followLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_followLabel->hide();
    bar->addPermanentWidget(m_followLabel);
}

void StatusReport::showMessage(const QString& text, const QString& detail, bool isError)
{
    m_unreachable.forget();
    m_messageLabel->setText(text);
    m_messageLabel->setToolTip(detail.isEmpty() ? text : detail);
    m_messageLabel->setStyleSheet(isError
            ? QStringLiteral("color: %1; font-weight: bold;").arg(errorTextColour(m_window->palette()).name())
            : QString());
    // The detail (every skipped row's place, the gRPC status) one click away, not only in a
    // tooltip that a tired hand never hovers long enough to see.
    m_messageDetail = detail != text ? detail : QString();
    m_detailButton->setVisible(!m_messageDetail.isEmpty());
}

void StatusReport::showUnreachable(const QString& endpoint, const QString& text, const QString& detail)
{
    showMessage(text, detail, true);
    m_unreachable.watch(endpoint);
}

void StatusReport::channelStateChanged(const QString& endpoint, const QString& state)
{
    if (!m_unreachable.readyAgain(endpoint, state))
        return;
    const QString before = m_messageLabel->text();
    // What the error said stays one click away, as the earlier failure it now is.
    showMessage(
        tr("%1 is reachable now; the last call to it had failed (Details...). Press F5 to detect again.").arg(endpoint),
        tr("Before the channel became ready:\n%1\n\n%2").arg(before, m_messageDetail));
}

QString StatusReport::messageText() const
{
    return m_messageLabel->text();
}

void StatusReport::setDataText(const QString& text)
{
    m_dataLabel->setText(text);
}

void StatusReport::setDetectText(const QString& text)
{
    m_detectLabel->setText(text);
}

void StatusReport::setDataset(const DatasetPtr& dataset)
{
    m_dataset = dataset;
    const std::size_t skipped = dataset ? dataset->skipped : 0;
    m_skippedButton->setText(tr("%1 skipped").arg(countOf(skipped, tr("row"), tr("rows"))));
    m_skippedButton->setVisible(skipped > 0);
}

void StatusReport::setFollowing(const QString& fileName)
{
    if (!fileName.isEmpty())
        m_followLabel->setText(tr("Following %1").arg(fileName));
    m_followLabel->setVisible(!fileName.isEmpty());
}

void StatusReport::showMessageDetail()
{
    if (!m_messageDetail.isEmpty())
        showReport(m_messageLabel->text(), m_messageDetail);
}

void StatusReport::showSkippedRows()
{
    if (!m_dataset || m_dataset->skipped == 0)
        return;
    QStringList places;
    for (const od::Error& e : m_dataset->firstSkipped)
        places << QString::fromStdString(e.toString());
    QString text
        = tr("%1 could not be read and were left out.").arg(countOf(m_dataset->skipped, tr("row"), tr("rows")));
    if (m_dataset->skipped > m_dataset->firstSkipped.size())
        text += tr(" The first %1 are listed.").arg(m_dataset->firstSkipped.size());
    showReport(text, places.join(QLatin1Char('\n')));
}

void StatusReport::showReport(const QString& text, const QString& detail)
{
    auto* box = new QMessageBox(QMessageBox::Information, tr("Details"), text, QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("reportBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDetailedText(detail);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open(); // window-modal, without a nested event loop
}
