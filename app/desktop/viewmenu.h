#pragma once
// The main window's View menu, for docks that list themselves where users look for them.

class QMainWindow;
class QMenu;

// The window's "&View" menu, made at the end of the menu bar if it has none yet.
QMenu* viewMenu(QMainWindow* window);
