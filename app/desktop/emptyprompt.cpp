#include "desktop/emptyprompt.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

EmptyPrompt::EmptyPrompt(QWidget* over, QAction* open, QAction* openSample)
    : QWidget(over)
{
    setObjectName(QStringLiteral("emptyPrompt"));
    // Over the chart's own "open a file" title, on the page's colour so that the two never mix.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto* text = new QLabel(tr("No data yet: open a CSV file of metrics, or look at the sample first."), this);
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    const auto button = [this](QAction* action, const QString& label, const char* name) {
        auto* b = new QPushButton(label, this);
        b->setObjectName(QLatin1String(name));
        b->setIcon(action->icon());
        connect(b, &QPushButton::clicked, action, &QAction::trigger);
        return b;
    };
    QPushButton* sample = button(openSample, tr("Open the &Sample"), "openSampleButton");
    sample->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(button(open, tr("Open a &File..."), "openFileButton"));
    buttons->addWidget(sample);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(text);
    layout->addLayout(buttons);
    over->installEventFilter(this);
    place();
    show();
}

bool EmptyPrompt::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parent() && event->type() == QEvent::Resize)
        place();
    return QWidget::eventFilter(watched, event);
}

void EmptyPrompt::place()
{
    const QWidget* over = parentWidget();
    const QSize size = sizeHint().expandedTo(QSize(std::min(460, over->width()), 0)).boundedTo(over->size());
    setGeometry(QRect(QPoint((over->width() - size.width()) / 2, (over->height() - size.height()) / 2), size));
    raise();
}
