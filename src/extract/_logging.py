"""The package's one named logger.

Everything in ``extract`` logs through ``logging.getLogger("extract")`` so an
application embedding the library can silence or redirect it in one place; the
CLI attaches its own stderr handler.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("extract")
logger.addHandler(logging.NullHandler())
