"""The same 経営課題, 戦略 and 具体的取組 of one ward linked across fiscal years.

Titles drift from year to year, codes are renumbered and items come and go;
:mod:`.normalise` puts titles in one form, :mod:`.link` scores and assigns the
links (rapidfuzz on the titles plus the structure: code, parent, budget), and
:mod:`.model` holds the series and their JSON Lines form.
"""

from .link import DEFAULT_THRESHOLD, link_dataset
from .model import Evidence, Member, Series, write_series

__all__ = ["DEFAULT_THRESHOLD", "Evidence", "Member", "Series", "link_dataset", "write_series"]
