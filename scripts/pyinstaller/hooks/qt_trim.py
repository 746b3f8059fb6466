"""Which Qt plugins and translations the bundle keeps (used by the PySide6 hooks beside it).

PyInstaller's own hooks for QtCore, QtGui and QtWidgets collect every plugin and translation of
those modules; its binary analysis then pulls in whatever the plugins link to (the VNC platform
brings QtNetwork and Kerberos, the GTK theme brings GTK and cairo from the build machine). These
hooks take PyInstaller's lists and drop what branchdesk does not use *before* that analysis, so
the libraries of a dropped plugin never enter the bundle.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

#: Plugin folders a desktop program needs (EGL/KMS device integrations and evdev/tuio input,
#: for embedded devices, are left out).
PLUGIN_KINDS = {
    "accessiblebridge", "platforms", "platforms/darwin", "platformthemes",
    "platforminputcontexts", "styles", "iconengines", "imageformats", "xcbglintegrations",
    "wayland-decoration-client", "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
#: Within a kept folder, only these plugins (by file name); a folder not named keeps all.
PLUGIN_NAMES = {
    # the desktop platforms, plus offscreen and minimal for tests and --smoke-test
    "platforms": re.compile(r"^(lib)?q(windows|xcb|wayland[\w-]*|offscreen|minimal|cocoa)\.",
                            re.IGNORECASE),
    # no GTK theme: it would bundle the build machine's GTK and cairo libraries
    "platformthemes": re.compile(r"xdgdesktopportal", re.IGNORECASE),
    # the window icon is SVG; PNG and BMP are built into QtGui
    "imageformats": re.compile(r"^(lib)?q(svg|ico)\.", re.IGNORECASE),
}
#: Qt's own translations: ui/i18n.py loads qtbase_<lang> for Japanese and English only.
TRANSLATIONS = re.compile(r"^qtbase_(ja|en)\.qm$")


def keep_plugin(dest_dir: str, filename: str) -> bool:
    """True for a plugin file the bundle keeps; ``dest_dir`` is its folder in the bundle."""
    parts = PurePath(dest_dir).parts
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1:])
    if kind not in PLUGIN_KINDS:
        return False
    pattern = PLUGIN_NAMES.get(kind)
    return pattern is None or bool(pattern.search(filename))


def keep_data(dest_dir: str, filename: str) -> bool:
    """True for a data file the bundle keeps (only Qt's own translations are filtered)."""
    parts = PurePath(dest_dir).parts
    if "PySide6" not in parts or "translations" not in parts or not filename.endswith(".qm"):
        return True
    return bool(TRANSLATIONS.match(filename))


def collect(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's (hiddenimports, binaries, datas) for the hook's Qt module, trimmed."""
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    binaries = [(src, dest) for src, dest in binaries if keep_plugin(dest, PurePath(src).name)]
    datas = [(src, dest) for src, dest in datas if keep_data(dest, PurePath(src).name)]
    return hiddenimports, binaries, datas
