# Restores full-width punctuation in regulation texts marked verbatim that carry the mirror's ASCII "(一)", ":".
"""Chinese official texts (国家法律法规数据库, 国务院公报) write （一）, ：, ；, ， in Chinese sentences; the LawRefBook mirror
often has ASCII "(一)", ":" instead.  This script puts the full-width marks back in every text that a record marks as
the published wording, and only there:

- ``texts[].articles[].text`` and ``texts[].preamble`` of texts with ``verbatim: true``;
- ``articles[].text.zh`` of key articles with ``verbatim: true``.

    python scripts/fullwidth_punctuation.py [--check] [FILE.yml ...]     (default: data/regulations/*.yml)

A mark changes only in Chinese context (see `restore_fullwidth`): "8:00", "1,000", "GB 6441-1986 (ISO ...)" and
other ASCII runs stay as they are.  Files are edited in place on the characters of those scalars only (positions
from the YAML parser), so comments, layout and every other field are untouched; each rewritten file is read back and
must equal the old data with only those texts changed, or it is left as it was and reported.  Prints one line per
changed file and a summary; `--check` changes nothing and exits 1 when a file would change.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from portal.importers.punctuation import CLOSERS, ZH_CHARACTERS, restore_fullwidth

REPO = Path(__file__).resolve().parent.parent
_CANDIDATE = re.compile(f"[{ZH_CHARACTERS}{CLOSERS}][():;,?!]|[()][{ZH_CHARACTERS}]|\\([^()\\n]*[{ZH_CHARACTERS}][^()\\n]*\\)")


def _mapping_get(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def _is_true(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value.lower() == "true"


def verbatim_scalars(root: yaml.Node) -> list[yaml.ScalarNode]:
    """The scalar nodes holding published wording: texts of verbatim versions, zh of verbatim key articles."""
    found: list[yaml.ScalarNode] = []
    texts = _mapping_get(root, "texts")
    for version in texts.value if isinstance(texts, yaml.SequenceNode) else []:
        if not _is_true(_mapping_get(version, "verbatim")):
            continue
        preamble = _mapping_get(version, "preamble")
        if isinstance(preamble, yaml.ScalarNode):
            found.append(preamble)
        articles = _mapping_get(version, "articles")
        for article in articles.value if isinstance(articles, yaml.SequenceNode) else []:
            text = _mapping_get(article, "text")
            if isinstance(text, yaml.ScalarNode):
                found.append(text)
    articles = _mapping_get(root, "articles")
    for article in articles.value if isinstance(articles, yaml.SequenceNode) else []:
        if _is_true(_mapping_get(article, "verbatim")):
            zh = _mapping_get(_mapping_get(article, "text"), "zh")
            if isinstance(zh, yaml.ScalarNode):
                found.append(zh)
    return found


def rewrite(source: str) -> tuple[str, int]:
    """(new file text, number of scalars changed). Only characters inside the chosen scalars are replaced."""
    if not _CANDIDATE.search(source):  # no ASCII mark touches a Chinese character anywhere: nothing to do
        return source, 0
    root = yaml.compose(source)
    if root is None:
        return source, 0
    edits = []
    for node in verbatim_scalars(root):
        start, end = node.start_mark.index, node.end_mark.index
        raw = source[start:end]
        fixed = restore_fullwidth(raw)
        if fixed != raw:
            edits.append((start, end, fixed))
    for start, end, fixed in sorted(edits, reverse=True):
        source = source[:start] + fixed + source[end:]
    return source, len(edits)


def _expected(data, fixed_values: dict[str, str]):
    """`data` with each string that is a key of `fixed_values` replaced (for the read-back check)."""
    if isinstance(data, dict):
        return {k: _expected(v, fixed_values) for k, v in data.items()}
    if isinstance(data, list):
        return [_expected(v, fixed_values) for v in data]
    if isinstance(data, str):
        return fixed_values.get(data, data)
    return data


def fix_file(path: Path, *, check: bool) -> tuple[int, str | None]:
    """(scalars changed, problem or None) for one record file; writes it unless `check`."""
    source = path.read_text(encoding="utf-8")
    new, changed = rewrite(source)
    if not changed:
        return 0, None
    before = yaml.safe_load(source)
    after = yaml.safe_load(new)
    fixed_values = {node.value: restore_fullwidth(node.value) for node in verbatim_scalars(yaml.compose(source))}
    if after != _expected(before, fixed_values):
        return 0, "read back differs from the intended change: left unchanged"
    if not check:
        path.write_text(new, encoding="utf-8")
    return changed, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="record files (default: data/regulations/*.yml)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    files = args.files or sorted((REPO / "data" / "regulations").glob("*.yml"))
    total, touched, problems = 0, 0, 0
    for path in files:
        changed, problem = fix_file(path, check=args.check)
        if problem:
            problems += 1
            print(f"{path}: {problem}", file=sys.stderr)
        elif changed:
            touched += 1
            total += changed
            print(f"{path}: {'would change' if args.check else 'changed'} {changed} verbatim text(s)")
    print(f"{len(files)} files; {touched} {'would change' if args.check else 'changed'}, {total} verbatim texts; "
          f"{problems} left unchanged because of a problem")
    return 1 if problems or (args.check and touched) else 0


if __name__ == "__main__":
    sys.exit(main())
