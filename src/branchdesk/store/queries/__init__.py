"""Qt-free read queries behind the pages of the desktop app (one module per page or register)."""
