"""Widgets shared by the pages: KPI cards, the detail pane, the audit history view."""
