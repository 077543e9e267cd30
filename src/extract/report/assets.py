"""The report's optional dependencies and the JavaScript it inlines.

The charts are Vega-Lite specifications built with altair and drawn in the
browser by Vega; ``vl-convert-python`` ships the Vega, Vega-Lite and
vega-embed bundle, which is inlined so that the report opens offline and makes
no request.  Both come with the ``report`` extra.
"""

from __future__ import annotations

import functools

__all__ = ["EXTRA_HINT", "MissingExtra", "require", "vega_bundle"]

EXTRA_HINT = "pip install 'extract[report]'"


class MissingExtra(Exception):
    """A package of the ``report`` extra is not installed."""


def require() -> None:
    """Raise :class:`MissingExtra`, naming the extra, when altair, vl-convert or rapidfuzz is missing."""
    missing = []
    for module in ("altair", "vl_convert", "rapidfuzz"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtra(
            f"{', '.join(missing)} not installed: the report needs the report extra ({EXTRA_HINT})"
        )


@functools.cache
def vega_bundle() -> str:
    """vega-embed with Vega and Vega-Lite as one script that sets ``window.vegaEmbed``.

    ``</script`` cannot occur inside an inline script, so it is escaped.
    """
    import vl_convert

    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]
    return bundle.replace("</script", "<\\/script")
