"""site_builder: a static site generator for an archive of Chinese newspaper theory articles."""

__version__ = "0.1.0"
