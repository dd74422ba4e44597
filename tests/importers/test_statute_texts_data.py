# Checks the full texts (`texts:`) in data/regulations/: numbering, versions, sources and file size.
import re
from pathlib import Path

import pytest
import yaml

REGULATIONS = Path(__file__).resolve().parents[2] / "data" / "regulations"
FILES = sorted(REGULATIONS.glob("*.yml"))


def _key(number: str) -> tuple:
    main, _, sub = number.partition("-")
    return tuple(int(part) for part in main.split(".")) + (int(sub or 0),)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_full_texts_are_numbered_versioned_and_sourced(path):
    assert path.stat().st_size < 500 * 1024, f"{path.name} is over 500 KB"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = record.get("texts") or []
    in_force_dates = {str(record.get("effective"))} | {str(a["effective"]) for a in record.get("amendments") or []
                                                      if a.get("effective")}
    source_urls = {s.get("url") for s in record.get("sources") or []}
    versions = [str(t["version"]) for t in texts]
    assert len(versions) == len(set(versions)), "two texts of the same version"
    for text in texts:
        assert str(text["version"]) in in_force_dates, f"version {text['version']} is no in-force date of the record"
        assert text["source"] in source_urls, "the text's source is not listed in sources"
        numbers = [a["number"] for a in text["articles"]]
        assert len(numbers) == len(set(numbers)), f"duplicate article numbers in version {text['version']}"
        assert numbers == sorted(numbers, key=_key), f"articles out of order in version {text['version']}"
        for article in text["articles"]:
            assert article["text"].strip(), f"article {article['number']} is empty"
            assert not re.match(r"^第[〇零一二三四五六七八九十百千]+条", article["text"]), \
                f"article {article['number']} text still starts with its number"


def test_enough_records_carry_full_texts():
    with_text = [p.stem for p in FILES if re.search(r"^texts:", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert len(with_text) >= 60, with_text
