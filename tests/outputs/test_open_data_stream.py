# The open-data JSON is written record by record: the file must be exactly what one json.dumps would give.
"""write_json_document streams the records of a kind; this checks it against json.dumps on awkward values."""
from __future__ import annotations

import datetime as dt
import json

from portal.outputs.open_data import write_json_document


def test_streamed_json_equals_one_dumps(tmp_path):
    document = {"kind": "cases", "build_date": "2026-12-01", "count": 3,
                "records": [{"id": "a", "title": {"zh": "“引号”\\ </script> \u2028"}, "date": dt.date(2020, 1, 2)},
                            {"id": "b", "n": 1.5, "none": None, "list": [1, "二"]}, {}]}
    path = tmp_path / "cases.json"
    write_json_document(path, document)
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str)
    assert json.loads(text)["records"][0]["date"] == "2020-01-02"


def test_empty_records(tmp_path):
    path = tmp_path / "quiz.json"
    write_json_document(path, {"kind": "quiz", "count": 0, "records": []})
    assert json.loads(path.read_text(encoding="utf-8")) == {"kind": "quiz", "count": 0, "records": []}
