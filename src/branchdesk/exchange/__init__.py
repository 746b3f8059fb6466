"""Excel and CSV in and out."""
