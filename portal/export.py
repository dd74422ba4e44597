# Open-data export: every record of every kind as JSON, with the computed fields (status, tier) added.
from __future__ import annotations

from portal.model import Derived


def open_data(derived: Derived) -> dict[str, dict]:
    """Kind -> JSON-ready document with the build date, the records, and their computed fields."""
    result = {}
    for kind, records in derived.dataset.records.items():
        items = []
        for record_id, record in sorted(records.items()):
            item = dict(record)
            if kind == "regulations":
                item["computed_status"] = derived.status[record_id]
                item["superseded_by"] = derived.superseded_by.get(record_id, [])
                item["cited_by_cases"] = sorted({c.case_id for c in derived.cited_by.get(record_id, [])})
            if kind == "cases":
                item["computed_tier"] = derived.tier[record_id]
            items.append(item)
        result[kind] = {"kind": kind, "build_date": derived.today.isoformat(), "count": len(items), "records": items}
    return result
