"""smartborder: the software of a smart border shared by two countries."""

__version__ = "0.1.0"
