"""The grammar of a 運営方針: a walk over classified segments that builds the document tree.

The document is read top to bottom.  Section labels (区の目標, 区の使命, 区長の
方針, 重点的に取り組む経営課題, 「市政改革…」に基づく取組等, 自己評価, the
page footer) switch the *area*; inside the issues area, headings open issues,
strategies and initiatives, and sub-labels (概要/課題認識, 主な戦略, 主な具体的
取組(…予算額), アウトカム指標, <…実績と達成状況>) say where plain text goes.
The 様式3 reform form is read through its own inline labels.

Nothing here knows a ward or a year: the same grammar reads every variant, and
what it cannot place is left unclaimed (and shown by ``extract inspect``).

Modules, one job each:

* :mod:`.driver`: the walk, the ``Kind → handler`` table, the claim account;
* :mod:`.state`: the shared reading state (areas and issue parts as enums);
* :mod:`.preamble`: identity (title, year, issuer) and truncation;
* :mod:`.sections`: section labels and page furniture;
* :mod:`.text`: where plain text goes, by area;
* :mod:`.issues`, :mod:`.issue_labels`, :mod:`.issue_text`, :mod:`.outcomes`:
  issues, strategies, initiatives and their outcome indicators;
* :mod:`.reform`, :mod:`.reform_form`: the 様式3 form and its labels.
"""

from __future__ import annotations

from .driver import HANDLERS, Grammar, GrammarResult

__all__ = ["HANDLERS", "Grammar", "GrammarResult"]
