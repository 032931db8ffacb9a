"""Start the course's command-line tools without an import they never use.

jsonschema, which nbformat loads to validate notebooks, imports the optional
``rfc3987_syntax`` (installed with JupyterLab's event schemas) for its "iri" string format,
and that module compiles an Earley grammar on import: 1.3 to 1.6 s on the development
machine, more than the rest of a ``make check`` start. Notebook validation never checks that
format, so a tool process marks the module as absent before anything imports it:
``import rfc3987_syntax`` then raises ImportError, which jsonschema expects of an optional
format dependency, and the "iri" format goes unchecked in that process only.
"""

from __future__ import annotations

import sys

SKIPPED_MODULES = ("rfc3987_syntax",)


def skip_unused_imports() -> None:
    """Mark :data:`SKIPPED_MODULES` absent in this process (call before importing nbformat);
    a module already imported stays as it is."""
    for name in SKIPPED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
