"""briefread's engine: load articles, segment them, match sentences, relate articles.

Pure Python; never imports the UI (``textual``).
"""

__version__ = "0.1.0"
