"""digest: turn a folder of news articles into a static digest of events."""

__version__ = "0.1.0"
