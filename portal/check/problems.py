# The check step's names for the records core's problems (portal.records.problems), kept for its many importers.
"""Problems of the load and check steps: the records core's one `Problem` type (see portal.records.problems)."""
from portal.records.problems import (InvalidData, Problem, Warning_, errors, field_label, one_line,
                                     summary_by_code)

__all__ = ["InvalidData", "Problem", "Warning_", "errors", "field_label", "one_line", "summary_by_code"]
