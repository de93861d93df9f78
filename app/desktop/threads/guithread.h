#pragma once
// Hands work from a gRPC thread to the GUI thread without blocking either.

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <utility>

// Runs fn(target) on the GUI thread, later, if target still exists then. The invocation is
// queued on the application object and the QPointer is tested when it runs on the GUI thread,
// because testing it on the calling thread would race with the widget's deletion.
template <typename T, typename Fn> void postToGui(const QPointer<T>& target, Fn&& fn)
{
    QCoreApplication* app = QCoreApplication::instance();
    if (!app)
        return; // shutting down: nobody left to tell
    QMetaObject::invokeMethod(
        app,
        [target, fn = std::forward<Fn>(fn)]() mutable {
            if (T* object = target.data())
                fn(object);
        },
        Qt::QueuedConnection);
}
