"""Generating a benchmark corpus of realistic size from the samples.

The city publishes one 運営方針 page per ward per fiscal year with its 様式
attachments; the samples hold five of them.  This package recombines the
samples' own sentences into pages and forms for every ward and year, so the
benchmark measures the readers and the grammar on text with the statistics of
the real documents (sentence lengths, kanji density, headings, budgets) at the
scale of the real collection, without fetching anything:

- :mod:`.bank`: the phrases, taken from the golden dataset of the samples;
- :mod:`.plan`: one document's content (issues, strategies, budgets, …), drawn
  deterministically from a seed, a ward and a year;
- :mod:`.forms`: the 様式 forms of a plan as text renderings (TAB-separated
  table rows), which ``scripts/make_pdf_fixtures.py`` draws as ruled PDFs;
- :mod:`.pages`: the plan as a page of the city's CMS template.
"""
