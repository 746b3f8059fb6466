"""PyInstaller entry script of the windowed ``branchdesk`` program (see build.spec)."""

from branchdesk.gui_main import main

raise SystemExit(main())
