"""PySide6.QtCore as PyInstaller collects it, without the plugins and translations branchdesk
does not use (see qt_trim.py; build.spec puts this folder on hookspath and sys.path)."""

from qt_trim import collect

hiddenimports, binaries, datas = collect(__file__)
