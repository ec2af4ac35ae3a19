# English screens keep the day-first order officials are used to ("Tuesday, 28 April 2026"),
# with English number separators.
from tuntas.formats.id.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
