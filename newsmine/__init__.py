"""newsmine: Persian news to structured records."""

__version__ = "0.1.0"
