"""Table models of the app: ``IdTableModel`` holds a register's ordered ids and fetches the
visible rows in blocks; each register declares its columns in its own module."""

from branchdesk.ui.models.id_table import (
    BLOCK_SIZE,
    CENTER,
    LEFT,
    RIGHT,
    Column,
    IdsQuery,
    IdTableModel,
    RowsFetch,
    plain,
    thousands,
)

__all__ = ["BLOCK_SIZE", "CENTER", "LEFT", "RIGHT", "Column", "IdTableModel", "IdsQuery",
           "RowsFetch", "plain", "thousands"]
