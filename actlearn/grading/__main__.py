"""``python -m actlearn.grading``: print the exercise table (name, what to define, checks)."""

from actlearn.grading import spec_table

print(spec_table())
