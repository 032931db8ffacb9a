"""Entry point of ``python -m actlearn.course``."""

import sys

from actlearn.course.cli import main

sys.exit(main())
