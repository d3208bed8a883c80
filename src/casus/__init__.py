"""casus: news text in, PLOVER political events with modality and claimants out."""

__version__ = "0.1.0"
