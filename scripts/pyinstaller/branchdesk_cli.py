"""PyInstaller entry script of the console ``branchdesk-cli`` program (see build.spec)."""

from branchdesk.cli import main

raise SystemExit(main())
