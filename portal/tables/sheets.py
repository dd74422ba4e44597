# Opens a workbook (.xlsx/.xlsm/.xls/.ods via python-calamine) or CSV files (UTF-8 with or without BOM, GB18030) as grids.
"""Raw cell grids, before any column is understood.

A workbook gives one `Grid` per worksheet, merged cells filled with their top-left value. A CSV file `x.csv`
gives the main grid plus one grid per sibling file `x.<sheet>.csv` (export writes child sheets that way:
`cases.csv`, `cases.sources.csv`, ...).
"""
from __future__ import annotations

import codecs
import csv
import io
import pickle
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from python_calamine import CalamineWorkbook

from portal.records.problems import Problem
from portal.tables.values import cell_text

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
# A leading apostrophe that export put before = + - @ (so that no spreadsheet runs the cell as a formula).
GUARDED_FIRST = "=+-@\t\r'"
MAX_FILE_BYTES = 1024 * 2**20       # read row by row; a 100,000-case export with every long text is ~400 MB (.csv)
MAX_UNPACKED_BYTES = 1024 * 2**20   # .xlsx/.ods are zip files: refuse one that unpacks to more (a zip bomb)
MAX_ZIP_RATIO = 200                 # real workbooks unpack to 5-30 times their size; a zip bomb to thousands
MAX_ROWS = 200_000                  # rows of one sheet or CSV file (100,000 cases import in about a minute)
MAX_CELL_BYTES = 1_000_000          # a CSV field larger than this is not a ledger cell (a cell's text: 32,767)
MAX_COLUMNS = 1_000                 # columns of one sheet (the widest template has fewer than 60)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


class Grid:
    """One worksheet or CSV file, read row by row: `head(n)` keeps the first rows (headers), `iter_rows(start)` reads
    the file again from its first row (a workbook sheet from a temporary copy of its rows, a CSV file from disk) and
    never holds more than a thousand rows, so that 100,000 rows need little more memory than ten."""

    def __init__(self, name: str, file: str, rows: list[list] | None = None, is_csv: bool = False,
                 flags: dict[tuple[int, int], str] | None = None, opener=None):
        self.name = name        # worksheet name; for CSV the part between the stem and .csv ("" for the main file)
        self.file = file        # file name shown in problems
        self.is_csv = is_csv
        # (0-based row, column) -> "#VALUE!" (an error value) or the formula of a cell that has no calculated value
        self.flags = flags or {}
        self._rows = rows       # the rows themselves (a small grid), or None: `opener()` gives an iterator of rows
        self._opener = opener
        self._head: list[list] = []

    @property
    def sheet(self) -> str | None:
        """Sheet name for locations (None for CSV: locations are `file.csv:row 12`)."""
        return None if self.is_csv else self.name

    def iter_rows(self, start: int = 0):
        """(0-based row, cells) of every row from `start` on, in order."""
        source = self._rows if self._rows is not None else self._opener()
        for index, row in enumerate(source):
            if index >= start:
                yield index, row

    def head(self, count: int) -> list[list]:
        """The first `count` rows (fewer when the sheet is shorter)."""
        if len(self._head) < count:
            self._head = []
            for index, row in self.iter_rows():
                if index >= count:
                    break
                self._head.append(row)
        return self._head[:count]

    def has_content(self) -> bool:
        """True when any cell holds something (read until the first such cell)."""
        return any(any(cell_text(v) != "" for v in row) for _, row in self.iter_rows())


def open_grids(path: Path, encoding: str | None = None) -> tuple[list[Grid], list[Problem]]:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return [], [_file_problem(path, "找不到文件，请检查路径", "file not found: check the path")]
    if path.stat().st_size > MAX_FILE_BYTES:
        return [], [_file_problem(path, f"文件超过 {MAX_FILE_BYTES // 2**20} MB：请分成几个文件导入",
                                  f"file is larger than {MAX_FILE_BYTES // 2**20} MB: split it into several files")]
    if suffix in WORKBOOK_SUFFIXES:
        return _workbook(path)
    if suffix in CSV_SUFFIXES:
        grids, problems = [], []
        main, problem = read_csv(path, encoding)
        if problem:
            return [], [problem]
        grids.append(main)
        prefix = path.stem + "."
        for sibling in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
            part = sibling.name[len(prefix): -len(path.suffix)]
            if sibling == path or not part or "." in part:
                continue
            grid, problem = read_csv(sibling, encoding)
            if problem:
                problems.append(problem)
            else:
                grid.name = part
                grids.append(grid)
        return grids, problems
    return [], [_file_problem(path, "不支持的文件类型：请另存为 .xlsx 或 .csv",
                              "file type not supported: save it as .xlsx or .csv")]


def _file_problem(path: Path, zh: str, en: str, code: str = "file") -> Problem:
    return Problem.at_cell(path.name, None, None, None, "(文件 / file)", code, f"{zh} / {en}")


def _unpacked_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as package:
            return sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0   # not a zip container (.xls) or damaged: calamine reports it


class _Refused(Exception):
    """A workbook beyond a limit, or damaged: its one-line message in Chinese and English."""

    def __init__(self, zh: str, en: str, code: str = "limit"):
        super().__init__(en)
        self.zh, self.en, self.code = zh, en, code


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class _CountingReader(io.RawIOBase):
    """A zip member read through Python's zipfile (which checks the sizes and CRC it declares), counting bytes."""

    def __init__(self, member, budget: list[int]):
        self.member, self.budget = member, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.member.read(len(buffer))
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            raise _Refused(f"工作簿解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB：请分成几个文件导入",
                           f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: split it")
        buffer[:len(data)] = data
        return len(data)


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML (xl/worksheets/sheet1.xml), from the workbook and its relationships."""
    names = set(package.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    targets = {}
    for rel in ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels")).iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
    parts = {}
    for sheet in ElementTree.fromstring(package.read("xl/workbook.xml")).iter(f"{_MAIN_NS}sheet"):
        part = targets.get(sheet.get(f"{_REL_NS}id"))
        if part in names:
            parts[sheet.get("name")] = part
    return parts


def scan_xlsx(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Every member unpacked once by Python's zipfile (false sizes and CRCs refused, at most MAX_UNPACKED_BYTES),
    sheet extents checked against MAX_ROWS/MAX_COLUMNS before any cell is loaded, and the cells calamine shows as
    blank although they are not: error values (t="e") and formulas without a calculated value.
    Raises _Refused. Returns sheet name -> {(row, column): "#VALUE!" or the formula}."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return {}   # not a zip container (.xls) or damaged: calamine reports it
    with package:
        infos = package.infolist()
        packed = sum(info.compress_size for info in infos) or 1
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED_BYTES or declared / packed > MAX_ZIP_RATIO:
            raise _Refused(f"工作簿解压后为 {declared // 2**20} MB（压缩比 {declared // packed}:1），不像正常的表格：请分成几个文件导入",
                           f"the workbook unpacks to {declared // 2**20} MB ({declared // packed}:1), not a normal "
                           "spreadsheet: split it or save it again")
        budget = [MAX_UNPACKED_BYTES]
        try:
            parts = _sheet_parts(package)
            by_part = {part: name for name, part in parts.items()}
            found: dict[str, dict[tuple[int, int], str]] = {}
            for info in infos:
                with package.open(info) as member:
                    stream = io.BufferedReader(_CountingReader(member, budget), 1 << 16)
                    if info.filename in by_part:
                        found[by_part[info.filename]] = _scan_sheet(stream, by_part[info.filename])
                    else:
                        while stream.read(1 << 16):
                            pass
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ElementTree.ParseError, expat.ExpatError,
                ValueError) as error:
            raise _Refused(f"工作簿已损坏（{error}）：请用 Excel/WPS 打开后另存为 .xlsx 再试",
                           f"the workbook is damaged ({error}): open it in Excel/WPS, save as .xlsx, try again",
                           "file") from None
    return found


def _scan_sheet(stream, name: str) -> dict[tuple[int, int], str]:
    """The flags of one sheet's XML, read with expat handlers (what ElementTree.iterparse did, at a third of its
    cost): at the end of each cell (c) its first <v> and <f> children, the error value or the formula without a
    calculated value; every cell reference and the <dimension> checked against the limits in document order, before
    any later problem (a damaged part, the unpacking budget) is raised."""
    flags: dict[tuple[int, int], str] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    cell_tag, value_tag, formula_tag, dimension_tag = (_MAIN_NS[1:] + local for local in ("c", "v", "f", "dimension"))
    refs: list[str] = []        # references of the cells ended since the last check, in document order
    maybe_beyond = _maybe_beyond()
    depth = 0
    cells: list[list] = []      # open cells, innermost last: [depth, attributes, <v> text pieces, <f> text pieces]
    dimensions: list[dict] = []
    collecting = None           # the text pieces of the <v>/<f> being read, until its first child or its end

    def check_refs():
        if refs:
            if maybe_beyond.search("\0".join(refs)):
                for ref in refs:
                    _check_extent(ref, name)
            refs.clear()

    def start(tag, attributes):
        nonlocal depth, collecting
        depth += 1
        if collecting is not None:
            parser.CharacterDataHandler = collecting = None
        if tag == cell_tag:
            cells.append([depth, attributes, None, None])
        elif (tag == value_tag or tag == formula_tag) and cells and cells[-1][0] == depth - 1:
            cell = cells[-1]
            slot = 2 if tag == value_tag else 3
            if cell[slot] is None:
                cell[slot] = collecting = []
                parser.CharacterDataHandler = collecting.append
        elif tag == dimension_tag:
            dimensions.append(attributes)

    def end(tag):
        nonlocal depth, collecting
        depth -= 1
        if collecting is not None:
            parser.CharacterDataHandler = collecting = None
        if tag == cell_tag:
            _, attributes, value, formula = cells.pop()
            ref = attributes.get("r", "")
            refs.append(ref)
            kind = attributes.get("t")
            if kind == "e" or formula is not None:
                match = _CELL_REF.match(ref)
                if match:
                    where = (int(match.group(2)) - 1, _column_index(match.group(1)))
                    if kind == "e":
                        flags[where] = ("".join(value) or "#N/A").strip() if value is not None else "#N/A"
                    elif value is None or not "".join(value):
                        flags[where] = "".join(formula) or "(shared formula)"
        elif tag == dimension_tag:
            check_refs()
            _check_extent(dimensions.pop().get("ref", "").split(":")[-1], name, declared=True)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        while True:
            data = stream.read(16 * 1024)     # as iterparse read: the same unpacking budget checks at the same places
            if not data:
                break
            parser.Parse(data, False)
            check_refs()
        parser.Parse(b"", True)
    except BaseException:
        check_refs()    # a cell beyond the limits before the problem is the one reported, as the events came first
        raise
    check_refs()
    return flags


def _maybe_beyond():
    """A pattern found in the joined references of a run of cells whenever one of them may be beyond MAX_ROWS or
    MAX_COLUMNS (then each is checked exactly): a longer row number, or one as long starting with a digit as high;
    column letters as many as MAX_COLUMNS's."""
    digits, letters, index = str(MAX_ROWS), "", MAX_COLUMNS
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return re.compile(f"[0-9]{{{len(digits) + 1},}}|[{digits[0]}-9][0-9]{{{len(digits) - 1}}}|[A-Z]{{{len(letters)},}}")


def _check_extent(ref: str, sheet: str, declared: bool = False):
    match = _CELL_REF.match(ref)
    if not match:
        return None
    row, col = int(match.group(2)), _column_index(match.group(1)) + 1
    if row > MAX_ROWS or col > MAX_COLUMNS:
        what = "表的范围延伸到" if declared else "有内容的单元格"
        raise _Refused(f"工作表“{sheet}”{what} {ref}，超过导入上限（{MAX_ROWS} 行、{MAX_COLUMNS} 列）："
                       "请删除多余的行列或分成几个文件",
                       f"sheet {sheet!r} reaches cell {ref}, beyond the import limits ({MAX_ROWS} rows, {MAX_COLUMNS} "
                       "columns): delete the stray cells or split the file")
    return match


def _workbook(path: Path) -> tuple[list[Grid], list[Problem]]:
    try:
        flags = scan_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    except _Refused as refused:
        return [], [_file_problem(path, refused.zh, refused.en, refused.code)]
    if path.suffix.lower() not in (".xlsx", ".xlsm") and _unpacked_size(path) > MAX_UNPACKED_BYTES:
        return [], [_file_problem(path, f"工作簿解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB：请分成几个文件导入",
                                  f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: split it")]
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:   # calamine raises its own error types for damaged or encrypted files
        return [], [_file_problem(path, f"无法打开工作簿（{error}）：请用 Excel/WPS 打开后另存为 .xlsx 再试",
                                  f"workbook cannot be opened ({error}): open it in Excel/WPS, save as .xlsx, try again")]
    grids = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
                raise _Refused(f"工作表“{name}”有 {sheet.total_height} 行、{sheet.total_width} 列，超过导入上限"
                               f"（{MAX_ROWS} 行、{MAX_COLUMNS} 列）：请删除多余的行列或分成几个文件",
                               f"sheet {name!r} has {sheet.total_height} rows and {sheet.total_width} columns, beyond "
                               f"the import limits ({MAX_ROWS} rows, {MAX_COLUMNS} columns): split the file")
        except _Refused as refused:
            return [], [_file_problem(path, refused.zh, refused.en, refused.code)]
        except Exception as error:   # calamine's own error types for a damaged sheet
            return [], [_file_problem(path, f"无法读取工作表“{name}”（{error}）：请用 Excel/WPS 打开后另存为 .xlsx 再试",
                                      f"sheet {name!r} cannot be read ({error}): open it in Excel/WPS, save as .xlsx")]
        try:
            opener = _spilled(_sheet_rows(sheet)())
        except Exception as error:   # calamine's own error types for a damaged sheet
            return [], [_file_problem(path, f"无法读取工作表“{name}”（{error}）：请用 Excel/WPS 打开后另存为 .xlsx 再试",
                                      f"sheet {name!r} cannot be read ({error}): open it in Excel/WPS, save as .xlsx")]
        del sheet   # calamine holds the whole sheet: freed before any record is built
        grids.append(Grid(name, path.name, flags=flags.get(name, {}), opener=opener))
    book.close()
    _give_back_freed_memory()
    return grids, []


def _give_back_freed_memory() -> None:
    """The memory calamine freed returned to the system (glibc keeps it otherwise: ~80 MB of a 100,000-row sheet
    that Python's own allocator does not reuse, on top of everything the import holds later); nothing elsewhere."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass   # not glibc (macOS, Windows, musl): the memory stays with the process, as before


_SPILL_ROWS = 1000   # rows pickled together


def _spilled(rows) -> Callable[[], Iterator[list]]:
    """A function giving `rows` again and again, one at a time, from a temporary file they are written to once (a
    workbook sheet as calamine reads it is held whole in memory; this copy is not)."""
    handle = tempfile.TemporaryFile()
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _SPILL_ROWS:
            pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)
            chunk = []
    if chunk:
        pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)
    handle.flush()
    end = handle.tell()

    def again():
        position = 0    # each reader keeps its own place in the shared file
        while position < end:
            handle.seek(position)
            chunk = pickle.load(handle)
            position = handle.tell()
            yield from chunk
    return again


def _sheet_rows(sheet):
    """A function giving the rows of a calamine sheet from A1 (its range starts at the first used cell), merged
    cells filled with their top-left value, one row at a time."""
    left = (sheet.start or (0, 0))[1]
    merges = sorted(((t, l, b, r) for (t, l), (b, r) in sheet.merged_cell_ranges or ()), key=lambda m: m[0])

    def rows():
        pending, active = list(merges), []   # merges not reached yet; merges covering the current row
        for index, row in enumerate(sheet.iter_rows()):
            row = [""] * left + list(row) if left else list(row)
            while pending and pending[0][0] <= index:
                t, l, b, r = pending.pop(0)
                active.append([t, l, b, r, row[l] if l < len(row) else ""])
            for merge in active:
                t, l, b, r, value = merge
                if index > b:
                    continue
                for column in range(l, min(r, len(row) - 1) + 1):
                    row[column] = value
            active = [m for m in active if m[2] > index]
            yield row
    return rows


def _common_count(text: str) -> tuple[int, int]:
    """(characters beyond ASCII, those of them within GB2312): decoded as GB18030, bytes of another encoding
    (Windows-1252's `Müller` reads as `M黮ler`) give mostly rare characters; common Chinese text is almost all
    within GB2312 and full-width punctuation."""
    foreign = common = 0
    for char in text:
        if ord(char) > 127:
            foreign += 1
            try:
                char.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                continue
    return foreign, common


class EncodingProblem(Exception):
    """The bytes of a CSV file are not text in any encoding tried; the message says what to do."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


_CHUNK = 1 << 20


def _decodes(path: Path, encoding: str, plausible: bool = False) -> bool:
    """True when the whole file decodes in `encoding` (read in chunks, never whole); with `plausible`, also when
    the text is plausible Chinese. Raises UnicodeDecodeError with `.line` (the first line that does not decode)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines, foreign, common = 1, 0, 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                error.line = lines + chunk[:max(error.start, 0)].count(b"\n")
                raise
            lines += chunk.count(b"\n")
            if plausible:
                more, known = _common_count(text)
                foreign, common = foreign + more, common + known
            if not chunk:
                break
    return not plausible or common >= 0.9 * foreign


def csv_encoding(path: Path, encoding: str | None = None) -> str:
    """`encoding` when given (checked); else by BOM (UTF-8, UTF-16), then UTF-8, then GB18030 (WPS and older Excel
    on Chinese Windows) when the result is plausible Chinese text. Reads the file in chunks. Raises EncodingProblem."""
    if encoding:
        try:
            _decodes(path, encoding)
            return encoding
        except LookupError:
            raise EncodingProblem(f"未知的编码“{encoding}”：可用 utf-8、gb18030、cp1252、utf-16 等",
                                  f"unknown encoding {encoding!r}: use utf-8, gb18030, cp1252, utf-16 ...") from None
        except UnicodeDecodeError as error:
            line = getattr(error, "line", 1)
            raise EncodingProblem(f"第 {line} 行的字节不是 {encoding} 编码：请换一个 --encoding，或另存为“CSV UTF-8”",
                                  f"line {line} is not {encoding} text: try another --encoding, or save it as "
                                  "“CSV UTF-8”") from None
    with open(path, "rb") as handle:
        start = handle.read(4)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        _decodes(path, "utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass  # not UTF-8: GB18030 next, then the refusal below names the bytes
    try:
        if _decodes(path, "gb18030", plausible=True):
            return "gb18030"
    except UnicodeDecodeError:
        pass  # not GB18030 either: refused below with a sample and the --encoding hint
    with open(path, "rb") as handle:
        western = handle.read(_CHUNK).decode("cp1252", errors="replace")
    sample = next((word for word in western.split() if any(ord(c) > 127 for c in word)), "")[:40]
    raise EncodingProblem(
        f"无法确定文件编码：不是 UTF-8，按 GB18030 读出的是生僻字（可能是西文编码，如“{sample}”）："
        "请加 --encoding cp1252（或实际编码），或在 Excel/WPS 中另存为“CSV UTF-8”",
        f"encoding not recognised: not UTF-8, and read as GB18030 it gives rare characters (perhaps a Western "
        f"encoding: “{sample}”): add --encoding cp1252 (or the real encoding), or save it as “CSV UTF-8”")


def _csv_text(path: Path, encoding: str):
    return open(path, encoding=encoding, newline="")


def read_csv(path: Path, encoding: str | None = None) -> tuple[Grid | None, Problem | None]:
    """The grid of a CSV file, read row by row. The file is checked first in one pass that keeps no row (encoding,
    rows, columns, cell size, a quote left open); the grid then reads it again whenever its rows are wanted."""
    try:
        encoding = csv_encoding(path, encoding)
    except EncodingProblem as problem:
        return None, _file_problem(path, problem.zh, problem.en, "encoding")
    with _csv_text(path, encoding) as handle:
        first_line = handle.readline().rstrip("\r\n")
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    if first_line.count(delimiter) == 0:
        delimiter = ","
    csv.field_size_limit(MAX_CELL_BYTES)
    count, last = 0, []
    row_start, last_row_start = 1, 1  # the line the next row begins on; the line the last row began on
    with _csv_text(path, encoding) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            for row in reader:
                if count >= MAX_ROWS:
                    return None, _file_problem(path, f"超过 {MAX_ROWS} 行：请分成几个文件导入",
                                               f"more than {MAX_ROWS} rows: split it into several files", "limit")
                if len(row) > MAX_COLUMNS:
                    return None, Problem.at_cell(path.name, None, reader.line_num, None, "(文件 / file)", "limit",
                                                 f"这一行有 {len(row)} 列，超过 {MAX_COLUMNS} 列：请检查分隔符 / this row "
                                                 f"has {len(row)} columns, more than {MAX_COLUMNS}: check the delimiter")
                count, last = count + 1, row
                last_row_start, row_start = row_start, reader.line_num + 1
        except csv.Error as error:
            return None, Problem.at_cell(path.name, None, reader.line_num, None, "(文件 / file)", "limit",
                                         f"单元格过大或格式错误（{error}）：单元格最多 {MAX_CELL_BYTES // 1000} KB / a cell is too "
                                         f"large or malformed ({error}): a cell holds at most {MAX_CELL_BYTES // 1000} KB")
    if any("\n" in cell for cell in last) and _quote_left_open(path, encoding, delimiter):
        # Python's reader takes an unclosed quote to the end of the file as one cell: the rows after it would
        # vanish and be reported as missing fields. Name the real problem instead, on the line the quote opened.
        return None, Problem.at_cell(path.name, None, last_row_start, None, "(文件 / file)", "syntax",
                                     f"第 {last_row_start} 行的引号没有闭合：此后直到文件末尾都会被读成一个单元格，请补上"
                                     f"引号（\"）或删除它 / the quote opened on line {last_row_start} is never closed: "
                                     "everything from there to the end of the file would be read as one cell — close "
                                     "the quote (\") or remove it")

    def rows():
        with _csv_text(path, encoding) as handle:
            for row in csv.reader(handle, delimiter=delimiter):
                yield [cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1] in GUARDED_FIRST else cell
                       for cell in row]   # unguard(cell), inline

    return Grid("", path.name, is_csv=True, opener=rows), None


def _quote_left_open(path: Path, encoding: str, delimiter: str) -> bool:
    """True when the file ends inside a quoted cell (the strict reader says 'unexpected end of data')."""
    try:
        with _csv_text(path, encoding) as handle:
            for _row in csv.reader(handle, delimiter=delimiter, strict=True):
                continue
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def unguard(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in GUARDED_FIRST:
        return cell[1:]
    return cell


def guard(text: str) -> str:
    """CSV cell text that no spreadsheet runs as a formula: an apostrophe before = + - @ (and before ')."""
    return "'" + text if text and text[0] in GUARDED_FIRST else text
