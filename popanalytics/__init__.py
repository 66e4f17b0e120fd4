"""popanalytics: analytics for the POP cycle of Flemish social-profit organisations."""

__version__ = "0.1.0"
