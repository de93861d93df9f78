#pragma once
// The call console as a dock of the main window, with its View menu entry (Ctrl+5), installed
// with one call so the window needs to know nothing else about it.

#include <QString>

#include <functional>
#include <memory>

class ChannelProvider;
struct Dataset;
class QDockWidget;
class QMainWindow;

// Adds the console (object name consoleDock, closed at first; restoreState() brings back where
// the user put it) to window. endpoint() names the server it talks to; channels hands out the
// shared channel; dataset() is the data open in the window, whose series can be streamed into a
// client stream. The dock and its ConsolePane are children of window. GUI thread only.
QDockWidget* installConsolePane(QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint,
    std::function<std::shared_ptr<const Dataset>()> dataset);
