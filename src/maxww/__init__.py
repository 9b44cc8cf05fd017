"""maxww: from WW to work, not to bijstand."""

__version__ = "0.1.0"
