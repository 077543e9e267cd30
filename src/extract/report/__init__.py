"""Looking at a dataset: one self-contained HTML report of what a dataset folder holds.

Modules: :mod:`.data` (the folder read into typed rows), :mod:`.fallback` (the
research tables derived for older datasets), :mod:`.tables` (the aggregates),
:mod:`.charts` (Vega-Lite charts), :mod:`.assets` (the inlined JavaScript),
:mod:`.render` (the HTML).
"""
