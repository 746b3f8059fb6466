"""The pages of the main window; each is a ``Page`` (see ``base.py``)."""
