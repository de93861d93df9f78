// ConsolePane: streaming a loaded series on a client or bidi stream, the glue between the
// series row (seriesbar.h), the sender (seriessender.h) and the open call.

#include "desktop/panes/console/consolecall.h"
#include "desktop/panes/console/consolepane.h"
#include "desktop/panes/console/methodtree.h"
#include "desktop/panes/console/requesteditor.h"
#include "desktop/panes/console/seriesbar.h"
#include "desktop/panes/console/seriessender.h"

#include "rpc/console/number_field.h"
#include "rpc/console/schema.h"

#include <google/protobuf/descriptor.h>

#include <QLocale>

bool ConsolePane::streamSeries()
{
    if ((m_call && (m_halfClosed || !od::rpc::clientStreams(m_call->kind()))) || !m_schema
        || m_seriesBar->sender()->isSending())
        return false;
    auto method = m_schema->findMethod(m_tree->currentMethod().toStdString());
    if (!method || !od::rpc::clientStreams(od::rpc::callKind(**method))) {
        m_request->showError(tr("Pick a client-streaming or bidi method: a series goes one value per message."));
        return false;
    }
    // Everything is checked before the first message: a stream must not stop half-way on a
    // value its field cannot hold.
    auto filler = m_seriesBar->prepare(m_schema->prototype(*(*method)->input_type()), m_request->text());
    if (!filler) {
        m_request->showError(filler.error());
        return false;
    }
    const od::Series* series = m_seriesBar->series();
    const QString seriesName = QString::fromStdString(series->name);
    // The series, field and rate are remembered for the next visit to this endpoint: by
    // openCall() with the rest when a call starts here, else now.
    if (!m_call) {
        if (!openCall())
            return false;
    } else {
        remember();
    }
    setStatus(tr("Streaming %1 into %2 at %3 messages/s\u2026")
                  .arg(seriesName, m_seriesBar->fieldPath(), QLocale().toString(m_seriesBar->perSecond())));
    m_seriesBar->sender()->start(m_call, std::move(*filler), series->values, m_seriesBar->perSecond());
    updateButtons();
    return true;
}

void ConsolePane::onSeriesEnded(bool complete, const QString& error)
{
    const SeriesSender* sender = m_seriesBar->sender();
    const QLocale locale;
    const QString count
        = tr("%1 of %2 values sent")
              .arg(locale.toString(qulonglong(sender->sent())), locale.toString(qulonglong(sender->total())));
    if (!error.isEmpty())
        setStatus(tr("Series stopped, %1: %2").arg(count, error), true);
    else if (m_call)
        setStatus(complete ? tr("Series sent: %1.").arg(count)
                           : tr("Series stopped: %1; the call is still open.").arg(count));
    if (complete && m_seriesBar->halfCloseWhenDone())
        halfClose();
    updateButtons();
}
