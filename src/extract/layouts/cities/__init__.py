"""Built-in layouts for other cities' ward pages, one small module per city.

Each module declares its city's vocabulary as a :class:`~.common.CitySpec`
(which headings open the goals, policies, issues and initiatives, how the
outline is numbered, what the title line looks like); :mod:`.common`,
:mod:`.identity`, :mod:`.lines` and :mod:`.walk` hold the shared machinery,
and :mod:`..sites` what the tool knows about each city's site.  The layouts are
registered through the ``extract.layouts`` entry points like the Osaka one.
"""
