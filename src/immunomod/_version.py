"""The package version, which versions the packaged data too (semantic versioning)."""

__version__ = "0.2.0.dev19"
