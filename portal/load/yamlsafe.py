# Reads one YAML data file defensively: size, UTF-8, syntax, tags, aliases, duplicate keys, with a line for every field.
"""Safe YAML loading with a line number for every field path (the first step of the pipeline: load)."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.records.problems import Problem

MAX_FILE_BYTES = 512 * 1024
# libyaml's C parser when available (about ten times faster); same safe resolver and node tree as SafeLoader.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Aliases need '*name'; only files that could contain one pay for the extra event scan.
_MAY_HAVE_ALIAS = re.compile(r"(^|[\s,\[{:-])\*[^\s,\]}]")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG = _CORE + "map"
_STR_TAG = _CORE + "str"
_TIMESTAMP_TAG = _CORE + "timestamp"
MAX_DEPTH = 40  # deeper nesting is never a real record (and would exhaust Python's stack)
# Bidirectional controls (Trojan Source): they make text read differently from what it holds.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SEQ_TAG = _CORE + "seq"
# Every collection level needs one of these characters, so a file with fewer of them cannot nest deeper than that.
# libyaml's composer recurses in C and crashes the process (no exception) past ~30,000 levels: files that could
# nest that deep have their depth counted on the event stream first (iterative), before anything is composed.
_STRUCTURE_CHARS = "[{-:?"
MAX_UNSCANNED_STRUCTURE = 4000


@dataclass
class LoadedFile:
    """A parsed YAML file: its value (None if unreadable), the line of every field path, and the problems found.

    Lines are worked out when first asked for (a problem to report): a valid file is parsed once, without them."""

    rel_path: str
    value: object = None
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # the file's path, to find the lines of a file that was read without them
    key: tuple = ()  # its cache key (path, content hash, rel_path)
    _lines: dict[tuple, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[tuple, int]:
        if self._lines is None:
            self._lines = _lines_of(self.source, self.rel_path)
        return self._lines

    @lines.setter
    def lines(self, value: dict[tuple, int]) -> None:
        self._lines = value

    def line_of(self, path: tuple) -> int:
        """Line of the field at `path`, or of its nearest ancestor that has one (1 for the file itself)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _problem(loaded: LoadedFile, line: int, fieldname: str, zh: str, en: str, code: str = "yaml") -> None:
    loaded.problems.append(Problem(loaded.rel_path, line, fieldname, f"{zh} / {en}", code))


CACHE_VERSION = 3  # bump when LoadedFile, the key or the parsing rules change: older cache files are then ignored
# Cache files kept in a cache folder (one per set of data layers, most recently used first) and their total size.
CACHE_FILES_KEPT = 8
CACHE_BYTES_KEPT = 256 * 1024 * 1024
_CACHE_GLOB = "parsed-yaml-*.pickle"


class ParseCache:
    """Parsed files by (path, hash of the file's bytes, rel_path): an object its owner passes down to the readers
    (the validator makes one per run; the live preview keeps one across rebuilds, so it parses only what changed).

    The key is the content itself, so an edit that keeps the size and the modification time (cp -p, rsync -t, an
    editor restoring a backup) is parsed again. Entries are shared by every reader and never changed by them (the
    dataset copies what it alters)."""

    def __init__(self) -> None:
        self.entries: dict[tuple, LoadedFile] = {}

    def __contains__(self, key: tuple) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: tuple) -> LoadedFile | None:
        return self.entries.get(key)

    def remember(self, key: tuple, loaded: LoadedFile) -> LoadedFile:
        loaded.key = key
        self.entries[key] = loaded
        return loaded

    def forget_except(self, keys: set[tuple]) -> None:
        """Drop the entries not in `keys` (the files of the last read): a long-running preview stays small."""
        for key in [key for key in self.entries if key not in keys]:
            del self.entries[key]

    def load(self, path: Path) -> None:
        """Add the entries of a file an earlier run left (ignored when missing, stale or unreadable)."""
        import pickle

        try:
            version, entries = pickle.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, MemoryError):
            return  # no usable cache: every file is parsed (the cache is only ever a speed-up)
        if version == CACHE_VERSION and isinstance(entries, dict):
            for key, loaded in entries.items():
                if isinstance(loaded, LoadedFile):
                    self.entries.setdefault(key, loaded)

    def save(self, path: Path, keep: set[tuple]) -> None:
        """Write the entries of the files just read (`keep`) to `path`: see save_cache."""
        save_cache(path, {key: self.entries[key] for key in keep if key in self.entries})


def save_cache(path: Path, entries: dict[tuple, LoadedFile]) -> None:
    """Write parse-cache entries atomically (a private temporary file renamed over the old one: two commands at once
    each leave a whole file), then prune the folder to a bounded size."""
    import os
    import pickle
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=path.name + ".", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps((CACHE_VERSION, entries), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    prune_cache(path.parent, keep=path)


def prune_cache(folder: Path, keep: Path | None = None) -> None:
    """Keep the CACHE_FILES_KEPT most recently written parse caches of `folder`, at most CACHE_BYTES_KEPT in all;
    remove temporary files of writers that died an hour ago or more. Files another command removes first are skipped."""
    import os
    import time

    def stat_or_none(candidate: Path):
        try:
            return candidate.stat()
        except OSError:
            return None

    now = time.time()
    for partial in folder.glob("parsed-yaml-*.partial"):
        found = stat_or_none(partial)
        if found and now - found.st_mtime > 3600:
            _unlink_quietly(partial)
    caches = [(found.st_mtime_ns, found.st_size, candidate) for candidate in folder.glob(_CACHE_GLOB)
              if (found := stat_or_none(candidate))]
    total = 0
    for rank, (_mtime, size, candidate) in enumerate(sorted(caches, reverse=True)):
        total += size
        if candidate != keep and (rank >= CACHE_FILES_KEPT or total > CACHE_BYTES_KEPT):
            _unlink_quietly(candidate)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return  # another command pruned it first


class NotRegularFile(OSError):
    """A path that is no regular file (a named pipe, a device ...): never read (it could block or never end)."""


def read_capped(path: Path) -> bytes:
    """The file's bytes, at most MAX_FILE_BYTES + 1 (enough to tell it is too large, never a huge read). Opened
    without blocking and refused unless it is a regular file: a named pipe swapped in after discovery cannot hang."""
    import os
    import stat

    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        return handle.read(MAX_FILE_BYTES + 1)


def cache_key(path: Path, rel_path: str, raw: bytes | None = None) -> tuple:
    """(path, hash of the contents, rel_path): strong enough for edits that keep size and time."""
    import hashlib

    raw = read_capped(path) if raw is None else raw
    return (str(path), hashlib.blake2b(raw, digest_size=16).digest(), rel_path)


def load_yaml_file(path: Path, rel_path: str, cache: ParseCache | None = None) -> LoadedFile:
    """Parse `path` into plain Python data; timestamps stay strings so that the schema checks their format.

    With a cache, a file is parsed only when its contents are not in it yet (and is then added). Callers must not
    modify the returned value."""
    try:
        raw = read_capped(path)
    except OSError as error:  # gone, unreadable or no regular file since discovery: one problem, never a traceback
        loaded = LoadedFile(rel_path)
        _problem(loaded, 1, "(file)", f"无法读取：{error.strerror or error}",
                 f"cannot be read ({error.strerror or error}): check that it is a regular file you may read", "load.unreadable")
        return loaded
    key = cache_key(path, rel_path, raw)
    if cache is None:
        loaded = _load(path, rel_path, raw=raw)
        loaded.key = key
        return loaded
    cached = cache.get(key)
    if cached is not None:
        return cached
    return cache.remember(key, _load(path, rel_path, raw=raw))


def preload(files: list[tuple[Path, str]], cache: ParseCache, processes: int = 2) -> None:
    """Parse many files not in `cache` on two cores into it; load_yaml_file then finds them.

    A forked child parses the second half and sends it back in one piece while this process parses the first half
    (the cyclic garbage collector paused meanwhile: parsing only allocates). Below a few hundred files, or with one
    core, this does nothing (the child would cost more than it saves)."""
    import gc
    import multiprocessing
    import os
    import pickle

    todo = []
    for path, rel_path in files:
        try:
            key = cache_key(path, rel_path)
        except OSError:
            continue
        if key not in cache:
            todo.append((key, path, rel_path))
    if (len(todo) < 400 or min(processes, os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return
    # the child also pickles its half for the pipe: it gets a little less to parse, so both finish together
    split = len(todo) * 11 // 20
    mine, theirs = todo[:split], todo[split:]
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_parse_and_send, args=(theirs, send), daemon=True)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        child.start()
        send.close()
        for key, path, rel_path in mine:
            _remember_parsed(cache, key, _parsed_or_none(path, rel_path))
        try:
            parsed = pickle.loads(receive.recv_bytes())
        except (EOFError, OSError):  # the child died: parse its half here
            parsed = [_parsed_or_none(path, rel_path) for _key, path, rel_path in theirs]
        for (key, _path, _rel), loaded in zip(theirs, parsed):
            _remember_parsed(cache, key, loaded)
    finally:
        receive.close()
        child.join()
        if was_enabled:
            gc.enable()


def _parsed_or_none(path: Path, rel_path: str) -> LoadedFile | None:
    """A file parsed ahead of time, or None when it cannot be read now (load_yaml_file then reports why)."""
    try:
        return _load(path, rel_path)
    except OSError:
        return None


def _remember_parsed(cache: ParseCache, key: tuple, loaded: LoadedFile | None) -> None:
    if loaded is not None:
        cache.remember(key, loaded)


def _parse_and_send(jobs: list[tuple], send) -> None:
    import gc
    import pickle

    gc.disable()
    send.send_bytes(pickle.dumps([_parsed_or_none(path, rel_path) for _key, path, rel_path in jobs],
                                 protocol=pickle.HIGHEST_PROTOCOL))
    send.close()


def _lines_of(source: str, rel_path: str) -> dict[tuple, int]:
    """The line of every field path of a file (parsed again: only files with a problem to report need this)."""
    if not source:
        return {}
    try:
        return _load(Path(source), rel_path, with_lines=True)._lines or {}
    except OSError:
        return {}


def _load(path: Path, rel_path: str, with_lines: bool = False, raw: bytes | None = None) -> LoadedFile:
    loaded = LoadedFile(rel_path, source=str(path))
    raw = read_capped(path) if raw is None else raw
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size
        _problem(loaded, 1, "(file)", f"文件过大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB），请拆分",
                 f"file is {size // 1024} KB, over the {MAX_FILE_BYTES // 1024} KB limit: split it into smaller records",
                 "yaml.too-large")
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        _problem(loaded, line, "(file)", "文件不是 UTF-8 编码，请在编辑器中以 UTF-8 另存",
                 "file is not UTF-8 encoded: save it again as UTF-8 in your editor", "yaml.encoding")
        return loaded
    bidi = _BIDI.search(text)
    if bidi:
        line = text[: bidi.start()].count("\n") + 1
        _problem(loaded, line, "(file)", f"含有不可见的文字方向控制符 U+{ord(bidi.group()):04X}，请删除",
                 f"contains an invisible text-direction control character U+{ord(bidi.group()):04X}: delete it",
                 "yaml.bidi-control")
        return loaded
    try:
        may_nest_deeply = sum(map(text.count, _STRUCTURE_CHARS)) > MAX_UNSCANNED_STRUCTURE
        if (("*" in text and _MAY_HAVE_ALIAS.search(text)) or may_nest_deeply) and not _events_allowed(text, loaded):
            return loaded
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        named = _named_cause(text, exc)
        if named:
            _problem(loaded, named[0], "(file)", f"YAML 语法错误：{named[1]}", f"YAML syntax error: {named[2]}",
                     "yaml.syntax")
            return loaded
        _problem(loaded, line, "(file)", f"YAML 语法错误：{detail}；请检查缩进、冒号和引号",
                 f"YAML syntax error: {detail}; check indentation, colons and quotes", "yaml.syntax")
        return loaded
    except yaml.YAMLError as exc:
        _problem(loaded, 1, "(file)", f"YAML 无法读取：{exc}", f"YAML could not be read: {exc}", "yaml.syntax")
        return loaded
    except RecursionError:
        _problem(loaded, 1, "(file)", f"嵌套层级过深（上限 {MAX_DEPTH} 层）", f"nested too deeply (more than {MAX_DEPTH} levels)",
                 "yaml.too-deep")
        return loaded
    if node is None:
        _problem(loaded, 1, "(file)", "文件为空", "file is empty: write the record's fields", "yaml.empty")
        return loaded
    if not with_lines:
        try:
            loaded.value = _construct_plain(node, 0)
            return loaded
        except _Irregular:
            pass  # the careful construction below says what is wrong, where
    loaded.lines = {(): node.start_mark.line + 1}
    loaded.value = _construct(node, (), loaded, yaml.SafeLoader(""))
    return loaded


# Full-width punctuation a Chinese input method types where YAML needs the ASCII character.
_FULL_WIDTH = {"：": ("冒号", "colon", ":"), "，": ("逗号", "comma", ","), "“": ("引号", "quotation mark", '"'),
               "”": ("引号", "quotation mark", '"'), "‘": ("引号", "quotation mark", "'"),
               "’": ("引号", "quotation mark", "'")}
_KEY_WITH_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*：")
# An unquoted key holding " #" (`Inspection #: source_key`, `编号 #: id`): YAML reads " #" on as a comment, so the key
# is cut (block or flow mapping).
_KEY_CUT_BY_COMMENT = re.compile(r"^\s*(?:[-?]\s+)?(?:[^\"'#]*[{,]\s*)?(?P<key>[^\s\"'{},:#-][^\"'{},:#]*?)\s+#"
                                 r"(?P<rest>[^:#\s]*):(?:\s|$)")


def _named_cause(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str, str] | None:
    """(line, zh, en) when a syntax error has a cause an editor can be told by name: a tab, or full-width
    punctuation typed with a Chinese input method (`deaths：4`), on the lines the parser read for the failing part."""
    lines = text.split("\n")
    marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
    first = min(m.line for m in marks) if marks else 0
    last = min(len(lines) - 1, max(m.line for m in marks)) if marks else len(lines) - 1
    window = range(first, last + 1)
    for number in window:
        if "\t" in lines[number]:
            column = lines[number].index("\t") + 1
            return (number + 1, f"第 {number + 1} 行第 {column} 列是制表符（Tab），YAML 只能用空格缩进：请把 Tab 换成空格",
                    f"line {number + 1}, column {column} is a tab character: YAML indents with spaces only — replace "
                    "the tab with spaces")
    for number in window:
        if _KEY_WITH_FULL_WIDTH_COLON.match(lines[number]):
            return (number + 1, f"第 {number + 1} 行字段名后是全角冒号“：”（中文输入法）：请改为英文冒号加空格，如 deaths: 4",
                    f"line {number + 1} has a full-width colon '：' after the field name (typed with a Chinese input "
                    "method): write an ASCII colon and a space instead, e.g. `deaths: 4`")
    for number in range(max(0, first - 1), last + 1):
        cut = key_cut_by_comment(lines[number])
        if cut:
            return (number + 1, f"第 {number + 1} 行的“{cut}”没有加引号：YAML 把“ #”及其后的文字当作注释，名称被截断；"
                    f"请给它加英文引号，如 \"{cut}\": ...",
                    f"line {number + 1}: {cut!r} is not quoted, so YAML reads ' #' and what follows as a comment and "
                    f"cuts the name: put it in ASCII quotes, e.g. \"{cut}\": ...")
    for number in window:
        for char, (zh, en, ascii_char) in _FULL_WIDTH.items():
            if char in lines[number]:
                return (number + 1, f"第 {number + 1} 行有全角{zh}“{char}”，YAML 的语法符号须用英文 {ascii_char}；"
                        "若它是正文的一部分，请给整段文字加英文引号",
                        f"line {number + 1} has a full-width {en} '{char}' (Chinese input method) where YAML reads its "
                        f"syntax: write the ASCII {ascii_char} there, or put the whole text in ASCII quotes if the "
                        f"'{char}' belongs to it")
    return None


def key_cut_by_comment(line: str) -> str | None:
    """The whole key (`Inspection #`) when an unquoted key of this line holds " #" and YAML would cut it there."""
    found = _KEY_CUT_BY_COMMENT.match(line)
    return f"{found['key'].strip()} #{found['rest'].rstrip()}" if found else None


def _events_allowed(text: str, loaded: LoadedFile) -> bool:
    """Scan the event stream (no recursion): False, with the problem recorded, on an alias or too deep a nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            _problem(loaded, event.start_mark.line + 1, "(file)", f"不允许使用 YAML 别名 *{event.anchor}，请直接写出内容",
                     f"YAML aliases (*{event.anchor}) are not allowed: write the content out in full", "yaml.alias")
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                _problem(loaded, event.start_mark.line + 1, "(file)", f"嵌套层级过深（上限 {MAX_DEPTH} 层），请检查缩进和括号",
                         f"nested more than {MAX_DEPTH} levels deep: no record field is; check the indentation and "
                         "brackets", "yaml.too-deep")
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True




# Field names (zh, en, text ...) and short values (ids of vocabulary terms, dates) recur in every record: one
# string object each instead of one per occurrence (a tenth of the memory of 10,000 records).
_intern = sys.intern
_INTERN_MAX = 24


class _Irregular(Exception):
    """A node the fast construction does not handle: the careful one (with lines and problems) runs instead."""


_PLAIN_CONSTRUCTOR = yaml.SafeLoader("")
# The safe constructor's own functions (called directly: construct_object would remember every node it saw).
_PLAIN_SCALARS = {_CORE + "int": _PLAIN_CONSTRUCTOR.construct_yaml_int,
                  _CORE + "float": _PLAIN_CONSTRUCTOR.construct_yaml_float,
                  _CORE + "bool": _PLAIN_CONSTRUCTOR.construct_yaml_bool,
                  _CORE + "null": _PLAIN_CONSTRUCTOR.construct_yaml_null}


def _construct_plain(node: yaml.Node, depth: int):
    """The value of a regular node tree, as `_construct` would build it, without line bookkeeping; raises _Irregular
    on anything `_construct` reports (a tag, a duplicate or non-text key, too deep a nesting, an unreadable value)."""
    if depth > MAX_DEPTH:
        raise _Irregular
    tag = node.tag
    if tag == _STR_TAG or tag == _TIMESTAMP_TAG:
        if node.__class__ is not yaml.ScalarNode:
            raise _Irregular
        value = node.value
        return _intern(value) if len(value) <= _INTERN_MAX else value
    if tag == _MAP_TAG and node.__class__ is yaml.MappingNode:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag not in _ALLOWED_SCALAR_TAGS:
                raise _Irregular
            key = _intern(key_node.value)
            if key in result:
                raise _Irregular
            result[key] = _construct_plain(value_node, depth + 1)
        return result
    if tag == _SEQ_TAG and node.__class__ is yaml.SequenceNode:
        return [_construct_plain(item, depth + 1) for item in node.value]
    if tag in _PLAIN_SCALARS and node.__class__ is yaml.ScalarNode:
        try:
            return _PLAIN_SCALARS[tag](node)
        except (yaml.YAMLError, ValueError):
            raise _Irregular from None
    raise _Irregular


def _construct(node: yaml.Node, path: tuple, loaded: LoadedFile, constructor: yaml.SafeLoader):
    line = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        if not any("nested too deeply" in p.message for p in loaded.problems):
            _problem(loaded, line, dotted(path[:3]) + " ...", f"嵌套层级过深（上限 {MAX_DEPTH} 层）",
                     f"nested more than {MAX_DEPTH} levels deep: no record field is; check the indentation",
                     "yaml.too-deep")
        return None
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if tag == _STR_TAG or tag == _TIMESTAMP_TAG:  # most values: no constructor needed (dates stay text)
            return node.value
    where = dotted(path) or "(file)"
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            return _bad_tag(node, where, loaded)
        result: dict = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_SCALAR_TAGS:
                _problem(loaded, key_line, where, "字段名必须是普通文字", "field names must be plain words", "yaml.key")
                continue
            key = key_node.value
            if key in first_seen:
                _problem(loaded, key_line, dotted(path + (key,)),
                         f"字段重复（第 {first_seen[key]} 行已出现），请删除其中一个",
                         f"field appears twice (first on line {first_seen[key]}): keep only one", "yaml.duplicate-key")
                continue
            first_seen[key] = key_line
            key = _intern(key)
            loaded.lines[path + (key,)] = key_line
            result[key] = _construct(value_node, path + (key,), loaded, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            return _bad_tag(node, where, loaded)
        items = []
        for index, item in enumerate(node.value):
            loaded.lines[path + (index,)] = item.start_mark.line + 1
            items.append(_construct(item, path + (index,), loaded, constructor))
        return items
    if node.tag not in _ALLOWED_SCALAR_TAGS:
        return _bad_tag(node, where, loaded)
    if node.tag == _CORE + "timestamp":
        return node.value
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        _problem(loaded, line, where, f"无法读取的值：{node.value!r}", f"value cannot be read: {node.value!r} ({exc})",
                 "yaml.value")
        return node.value


def _bad_tag(node: yaml.Node, where: str, loaded: LoadedFile):
    _problem(loaded, node.start_mark.line + 1, where, f"不允许使用 YAML 标签 {node.tag}，请删除它",
             f"YAML tag {node.tag} is not allowed in data files: remove it", "yaml.tag")
    return None


def dotted(path: tuple) -> str:
    """Field path as editors read it: entries[2].phones[0].number."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
