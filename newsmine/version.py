"""newsmine's version, in a module of its own so that any stage can name it without importing the package's
top level (``newsmine/__init__`` loads the extraction stage); pyproject.toml reads it from here."""

__version__ = "0.2.0"
