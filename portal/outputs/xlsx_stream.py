# Writes the readers' one-sheet .xlsx directly: the sheet XML streamed into a zip, what XlsxWriter wrote before.
"""A small streaming writer of one-sheet workbooks (the readers' download, readers_table.write_readers_xlsx).

Why not XlsxWriter any more: speed, measured on the N=10,000 build (cases: 10,001 rows x 39 columns, 296,000
text cells). XlsxWriter's constant-memory mode spends ~10 Python calls and two regular expressions per cell
(write_string -> _write_string -> _write_single_row -> _write_cell -> _escape_control_characters, _preserve_whitespace,
_xml_inline_string ...), then zips its temporary files at zlib level 6: 3.7 of the open-data child's 7.3 CPU-s. Here a
cell that needs nothing (most of them) is one check and one f-string, a row one join (write_readers_xlsx 3.7 -> 1.0
CPU-s), and the zip (ZipWriter) is deflated by deflate.py's compressor, as the .gz files: the cases sheet (49 MB of
XML) packs to 10.8 MB in 0.25 CPU-s (zlib-ng level 3; standard zlib level 4: 10.5 MB in 0.43) instead of 9.2 MB in
1.0 (XlsxWriter, zlib level 6).

The file is what XlsxWriter wrote, part for part (same package parts, styles, theme, sheet XML as its constant_memory
mode writes it: inline strings, no shared strings), and every cell reads back the same in openpyxl: text escaped as
Excel escapes it (& < >, control characters as _xHHHH_, a literal _xHHHH_ as _x005F_xHHHH_, xml:space="preserve"
for text with white space at either end), text over Excel's 32,767 UTF-16 units cut there, numbers as %.16G,
booleans, dates as serial numbers in yyyy-mm-dd. Differences: a link cell has the default style (XlsxWriter gave it a
style of its own that looked the same), a text that looks like XlsxWriter's rich-string markup (<r>…</r>) is escaped
like any other instead of being copied into the XML raw, and a cell of another type (str() of it) is checked for the
formula guard like any text.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import struct
import time
from pathlib import Path

from portal.records.problems import column_letter
from portal.tables.values import FORMULA_FIRST

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384   # Excel's sheet
MAX_TEXT = 32_767                           # UTF-16 units in one cell
MAX_URL = 2_079                             # characters of an address (and of its #anchor) Excel takes as a link
MAX_LINKS = 65_530                          # hyperlinks Excel keeps in one sheet
ROWS_PER_WRITE = 256

STYLE_BOLD, STYLE_QUOTED, STYLE_DATE = 1, 2, 3   # the cellXfs of STYLES below (0: the default)

# A text cell whose XML is more than <c><is><t>text</t></is></c>: characters to escape, control characters,
# Excel's own _xHHHH_ escape, white space at either end, formula guard (FORMULA_FIRST), too long.
_NEEDS_CARE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_").search
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_ALREADY_ESCAPED_URL = re.compile("%[0-9a-fA-F]{2}").search
_BAD_SHEET_NAME = re.compile(r"[\[\]:*?/\\]").search

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>')
WORKBOOK_RELS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL_NS}/theme" Target="theme/theme1.xml"/>'
    f'<Relationship Id="rId3" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>')
_FONT = '<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN_NS}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    f'<fonts count="2"><font>{_FONT}<font><b/>{_FONT}</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    '</styleSheet>')
SHEET_HEAD = (
    DECLARATION + f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><dimension ref="{{dimension}}"/>'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>')
SHEET_TAIL = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'


def column_name(index: int) -> str:
    """A, B, … Z, AA, … for a 0-based column index (problems.column_letter counts from 1)."""
    return column_letter(index + 1)


def cell_range(last_column: int, last_row: int, absolute: bool = False) -> str:
    """A1:<last cell> (1-based last_row), or A1 alone when the last cell is A1; $A$1:$D$4 when `absolute`."""
    dollar = "$" if absolute else ""
    first = f"{dollar}A{dollar}1"
    if last_column == 0 and last_row == 1:
        return first
    return f"{first}:{dollar}{column_name(last_column)}{dollar}{last_row}"


def escape_controls(text: str) -> str:
    """Text with Excel's escapes: a literal _xHHHH_ as _x005F_xHHHH_, control characters and the two non-characters as
    _xHHHH_ (what XlsxWriter writes)."""
    text = _EXCEL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


def escape_data(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#xA;"))


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut_to_excel_limit(text: str) -> str:
    """Text Excel keeps in a cell: at most 32,767 UTF-16 units, never splitting a character above U+FFFF."""
    if len(text) <= MAX_TEXT // 2 or utf16_length(text) <= MAX_TEXT:
        return text
    length = 0
    for index, char in enumerate(text):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > MAX_TEXT:
            return text[:index]
    return text


def text_cell(ref: str, text: str, style: int = 0) -> str:
    """The <c> element of a text (any escaping it needs; white space at either end kept)."""
    text = escape_controls(cut_to_excel_limit(text))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{escape_data(text)}</t></is></c>'


def link_url(text: str) -> tuple[str, str] | None:
    """(relationship target, #anchor) of an http(s) address Excel takes as a link, None when it is too long: the
    address escaped as Excel does (%20 …) unless it holds a %XX escape already."""
    address, _, anchor = text.partition("#")
    if utf16_length(address) > MAX_URL or utf16_length(anchor) > MAX_URL:
        return None
    if not _ALREADY_ESCAPED_URL(address):
        address = (address.replace("%", "%25").replace('"', "%22").replace(" ", "%20").replace("<", "%3c")
                   .replace(">", "%3e").replace("[", "%5b").replace("]", "%5d").replace("^", "%5e")
                   .replace("`", "%60").replace("{", "%7b").replace("}", "%7d"))
    return address, anchor


def excel_serial(value: dt.date) -> float:
    """A date or naive datetime as Excel's 1900-system serial number (with Excel's 29 Feb 1900)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        raise TypeError(f"a date-time with a time zone has no Excel serial number: {value!r}")
    delta = value - dt.datetime(1899, 12, 31)
    days = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return days + 1 if days > 59 else days


def number_cell(ref: str, number, style: int = 0) -> str:
    if math.isnan(number) or math.isinf(number):
        raise TypeError(f"NaN or infinity has no place in a cell ({ref})")
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled}><v>{number:.16G}</v></c>'


def check_sheet_name(name: str) -> None:
    if not name or len(name) > 31 or _BAD_SHEET_NAME(name) or name.startswith("'") or name.endswith("'") \
            or name.lower() == "history":
        raise ValueError(f"not a name Excel takes for a sheet: {name!r}")


# the first characters that send a text the careful way: the formula guard and white space (kept with
# xml:space="preserve"); every white-space character is in the Basic Multilingual Plane
_CAREFUL_FIRST = frozenset(FORMULA_FIRST).union(chr(code) for code in range(0x10000) if chr(code).isspace())
_SPACES = frozenset(chr(code) for code in range(0x10000) if chr(code).isspace())


def _is_empty(value) -> bool:
    return value is None or (not isinstance(value, (bool, int, float, dt.date)) and str(value) == "")


def last_cell(header: list, rows: list) -> tuple[int, int]:
    """(0-based column, 1-based row) of the sheet's last cell: the dimension XlsxWriter wrote (the header counts)."""
    last_row = 1
    for number in range(len(rows), 0, -1):
        if not all(_is_empty(value) for value in rows[number - 1]):
            last_row = number + 1
            break
    last_column = len(header) - 1
    for row in rows:
        if len(row) - 1 > last_column:
            last_column = max([last_column] + [index for index, value in enumerate(row) if not _is_empty(value)])
    return max(last_column, 0), last_row


class _Sheet:
    """The state of one sheet being written: its column names and hyperlinks."""

    def __init__(self, columns: int, link_column: int | None):
        self.names = [column_name(index) for index in range(columns)]
        self.link_column = link_column
        self.links: list[tuple[str, str, str]] = []   # (cell, target, anchor)
        self.link_tries = 0

    def row_xml(self, number: int, row) -> str:
        """The <row> element of 1-based row `number` ("" when it has no cell)."""
        cells = []
        add = cells.append
        names = self.names
        care, careful_first, spaces = _NEEDS_CARE, _CAREFUL_FIRST, _SPACES
        link_column = self.link_column
        for column, value in enumerate(row):
            if value.__class__ is str:
                if not value:
                    continue
                if value[0] in careful_first or value[-1] in spaces or column == link_column \
                        or len(value) > MAX_TEXT // 2 or care(value):
                    add(self.careful_text(number, column, value))
                else:
                    add(f'<c r="{names[column]}{number}" t="inlineStr"><is><t>{value}</t></is></c>')
            elif value is not None:
                add(self.other_cell(number, column, value))
        return f'<row r="{number}">{"".join(cells)}</row>' if cells else ""

    def careful_text(self, number: int, column: int, text: str) -> str:
        """A text cell that needs more than the plain form: guarded (quote prefix), line ends, a link, escapes."""
        ref = f"{self.names[column]}{number}"
        guarded = text[0] in FORMULA_FIRST
        if "\r" in text:   # line ends as an XML reader sees them (openpyxl wrote them raw)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif not guarded and column == self.link_column and self.link_tries < MAX_LINKS \
                and text.startswith(("http://", "https://")):
            self.link_tries += 1
            target = link_url(text)
            if target is not None:   # else not a link Excel takes: text
                self.links.append((ref, *target))
        return text_cell(ref, text, STYLE_QUOTED if guarded else 0)

    def other_cell(self, number: int, column: int, value) -> str:
        ref = f"{self.names[column]}{number}"
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            return number_cell(ref, value)
        if isinstance(value, (dt.date, dt.datetime)):
            return number_cell(ref, excel_serial(value), STYLE_DATE)
        text = str(value)
        return self.careful_text(number, column, text) if text else ""


DOS_DATE = (0 << 9) | (1 << 5) | 1   # 1980-01-01 00:00 (what XlsxWriter stamped): the same rows give the same parts


class ZipWriter:
    """The few zip features a workbook needs: deflated entries written one after the other, then the central
    directory (no ZIP64: each size and offset under 4 GiB). zipfile would do, but only with the standard zlib;
    this uses deflate.py's compressor (zlib-ng when installed). An entry is compressed in memory before it is
    written (the cases sheet at N=10,000: 11 MB), so its header carries its sizes (no data descriptors)."""

    def __init__(self, handle):
        self.handle = handle
        self.entries: list[tuple[bytes, int, int, int, int]] = []   # name, crc, packed size, size, offset
        self.offset = 0

    def add(self, name: str, chunks) -> None:
        """Entry `name` holding `chunks` (a text, or an iterable of bytes) deflated."""
        from portal.outputs.deflate import crc32, raw_compressor

        if isinstance(chunks, str):
            chunks = [chunks.encode("utf-8")]
        compressor, crc, size, packed = raw_compressor(), 0, 0, []
        for chunk in chunks:
            crc = crc32(chunk, crc)
            size += len(chunk)
            piece = compressor.compress(chunk)
            if piece:
                packed.append(piece)
        packed.append(compressor.flush())
        packed_size = sum(map(len, packed))
        if max(size, packed_size, self.offset) >= 0xFFFFFFFF or len(self.entries) >= 0xFFFF:
            raise ValueError(f"{name}: too large for a zip without ZIP64")
        encoded = name.encode("ascii")
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, DOS_DATE, crc, packed_size, size,
                             len(encoded), 0)
        self.handle.write(header + encoded)
        for piece in packed:
            self.handle.write(piece)
        self.entries.append((encoded, crc, packed_size, size, self.offset))
        self.offset += len(header) + len(encoded) + packed_size

    def close(self) -> None:
        """Write the central directory and its end record."""
        directory = b"".join(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, DOS_DATE, crc, packed_size, size,
                        len(name), 0, 0, 0, 0, 0, offset) + name
            for name, crc, packed_size, size, offset in self.entries)
        if self.offset + len(directory) >= 0xFFFFFFFF:
            raise ValueError("too large for a zip without ZIP64")
        self.handle.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self.entries),
                                                  len(self.entries), len(directory), self.offset, 0))


def sheet_xml(sheet: _Sheet, head: str, rows: list, last_column: int, last_row: int, filter_range: str):
    """The sheet's XML, a few hundred rows at a time (bytes); the hyperlinks it found are in `sheet.links` once it
    has been read to the end."""
    parts = [SHEET_HEAD.replace("{dimension}", cell_range(last_column, last_row)), f'<row r="1">{head}</row>']
    row_xml = sheet.row_xml
    for number, row in enumerate(rows, 2):
        parts.append(row_xml(number, row))
        if len(parts) >= ROWS_PER_WRITE:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append(f'</sheetData><autoFilter ref="{filter_range}"/>')
    if sheet.links:
        parts.append("<hyperlinks>")
        for number, (ref, _target, anchor) in enumerate(sheet.links, 1):
            location = f' location="{escape_attribute(anchor)}"' if anchor else ""
            parts.append(f'<hyperlink ref="{ref}" r:id="rId{number}"{location}/>')
        parts.append("</hyperlinks>")
    parts.append(SHEET_TAIL)
    yield "".join(parts).encode("utf-8")


def write_sheet_workbook(path: Path, sheet_name: str, header: list, rows: list, link_column: int | None = None) -> Path:
    """A workbook of one sheet `sheet_name`: `header` in bold, frozen above an autofilter over every row, then `rows`
    (text, numbers, booleans, dates; None and "" leave the cell empty). Text beginning with = + - @ tab or CR is
    stored with a quote prefix (text, never a formula). In `link_column`, an http(s) address is also a hyperlink
    (the first 65,530 tried; an address too long for Excel stays text)."""
    from xlsxwriter.theme import THEME_XML_2007
    from xlsxwriter.utility import quote_sheetname

    check_sheet_name(sheet_name)
    if len(rows) + 1 > MAX_ROWS or len(header) > MAX_COLUMNS:
        raise ValueError(f"{len(rows)} rows of {len(header)} columns do not fit in one sheet")
    last_column, last_row = last_cell(header, rows)
    sheet = _Sheet(max(last_column + 1, len(header)), link_column)
    head = "".join(text_cell(f"{sheet.names[column]}1", text, STYLE_BOLD) for column, text in enumerate(header))
    filter_range = cell_range(len(header) - 1, len(rows) + 1)
    with path.open("wb") as handle:
        package = ZipWriter(handle)
        package.add("[Content_Types].xml", CONTENT_TYPES)
        package.add("_rels/.rels", ROOT_RELS)
        package.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.add("xl/worksheets/sheet1.xml", sheet_xml(sheet, head, rows, last_column, last_row, filter_range))
        name = escape_attribute(sheet_name)
        filter_name = escape_data(quote_sheetname(sheet_name))
        package.add("xl/workbook.xml", (
            DECLARATION + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><fileVersion appName="xl" lastEdited="4" '
            'lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView '
            'xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets>'
            f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName '
            f'name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">{filter_name}!'
            f'{cell_range(len(header) - 1, len(rows) + 1, absolute=True)}</definedName></definedNames>'
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'))
        package.add("xl/styles.xml", STYLES)
        package.add("xl/theme/theme1.xml", THEME_XML_2007)
        if sheet.links:
            package.add("xl/worksheets/_rels/sheet1.xml.rels", "".join(
                [DECLARATION, f'<Relationships xmlns="{PACKAGE_REL_NS}">']
                + [f'<Relationship Id="rId{number}" Type="{REL_NS}/hyperlink" Target="{escape_attribute(target)}" '
                   'TargetMode="External"/>' for number, (_ref, target, _anchor) in enumerate(sheet.links, 1)]
                + ["</Relationships>"]))
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        package.add("docProps/core.xml", (
            DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'))
        package.add("docProps/app.xml", (
            DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
            'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
            '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
            '</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts>'
            f'<vt:vector size="1" baseType="lpstr"><vt:lpstr>{escape_data(sheet_name)}</vt:lpstr></vt:vector></TitlesOfParts>'
            '<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>'))
        package.close()
    return path
