"""branchdesk: the desk tool of a 協会けんぽ branch (支部)."""

__version__ = "0.1.0"
APP_NAME = "branchdesk"
