"""The dashboard's charts (pyqtgraph without OpenGL: PySide6-Essentials has no QtOpenGL)."""
