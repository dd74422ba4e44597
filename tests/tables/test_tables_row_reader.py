# main_row_reader (the readers' table's fast row reader) gives main_row's cells, on shipped records and awkward ones.
"""The readers' table reads rows with main_row_reader: per-column functions made once. Every cell must be what
main_row gives (None as `empty`), for every shipped record of every kind, with and without CSV, with and without
vocabularies, and on records whose fields are missing, None, of the wrong type or lists with blank entries."""
import copy
import datetime as dt

import pytest

from tables_helpers import ROOT, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import KINDS, load_existing
from portal.tables.layout import main_row, main_row_reader, sheet_columns
from portal.tables.paths import set_path
from portal.tables.vocab import VocabSet

SHIPPED_KINDS = ["regulations", "cases", "contacts", "articles", "quiz", "resources"]
ODD_VALUES = [None, "", [], {}, 0, 7, 2.5, True, "文字", ["a", "", None], [{"zh": "甲", "en": ""}, {"zh": ""}, "x", {}],
              {"zh": "中", "en": "E"}, {"zh": ["l1", "l2"]}, {"en": 3}, dt.date(2024, 5, 6), "2024-05-06", [1, 2]]


def awkward_records(spec, base: dict) -> list[dict]:
    """`base` with each main-sheet field set, in turn, to each odd value (and the parent of a dotted path a text)."""
    records = []
    for pc in sheet_columns(spec):
        path = pc.column.path
        if not path:
            continue
        for value in ODD_VALUES:
            record = copy.deepcopy(base)
            set_path(record, path, value)
            records.append(record)
        if "." in path:
            record = copy.deepcopy(base)
            record[path.split(".")[0]] = "not a mapping"
            records.append(record)
    return records + [{}]


@pytest.mark.parametrize("kind", SHIPPED_KINDS)
def test_same_cells_as_main_row(kind, vocabularies):
    spec = KINDS[kind]
    existing, problems = load_existing(ROOT / "data", kind)
    assert problems == [] and existing
    records = list(existing.values())
    records += awkward_records(spec, records[0])
    for vocab in (VocabSet(vocabularies), None):
        for for_csv in (True, False):
            for empty in (None, ""):
                read = main_row_reader(spec, vocab, for_csv, empty)
                for record in records:
                    try:
                        expected = [empty if v is None else v for v in main_row(spec, record, vocab, for_csv)]
                    except (TypeError, AttributeError) as error:   # data the schema refuses: the same failure
                        with pytest.raises(type(error)):
                            read(record)
                        continue
                    got = read(record)
                    assert got == expected and [type(v) for v in got] == [type(v) for v in expected], record


def test_terms_are_labelled_within_their_group(vocabularies):
    """A term id in two groups (accident types of two classification schemes) has each group's label; a list of terms
    one label per line; without the scope, the first term of that id."""
    spec = KINDS["cases"]
    terms = [{"id": "fall", "group": "gb", "label": {"zh": "高处坠落"}},
             {"id": "fall", "group": "osha", "label": {"zh": "坠落"}}]
    vocab = VocabSet({**vocabularies, "accident-types": terms})
    records = [{"id": "c", "accident_type": {"scheme": scheme, "term": term}}
               for scheme in ("gb", "osha", None) for term in ("fall", ["fall", "fall"], "other")]
    records += [{"id": "c", "accident_type": {"term": "fall"}}, {"id": "c", "accident_type": "fall"}]
    read = main_row_reader(spec, vocab, True, "")
    labels = set()
    for record in records:
        expected = ["" if v is None else v for v in main_row(spec, record, vocab, True)]
        assert read(record) == expected, record
        labels.update(v for v in expected if isinstance(v, str) and "坠落" in v)
    assert {"高处坠落", "坠落", "坠落\n坠落"} <= labels
