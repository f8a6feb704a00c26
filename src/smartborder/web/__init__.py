"""The web: the public pages (and, to come, the officer console), in English and French.

Server-rendered (Jinja2) over the same services as the API; every string goes through the
message catalogues (Babel), every page has its own URL in each language.
"""

from smartborder.web.site import install

__all__ = ["install"]
