# Spreadsheet round trip for the portal's records: templates, import (xlsx/xls/ods/csv) and export.
"""Public interface of portal.tables (the layout of the workbooks is described in workbook.py and columns.py).

    kind = KIND.name                                 # a record kind of portal/kinds/ (its Kind.sheet())
    vocabularies = load_vocabularies("data/vocab")
    write_template(kind, vocabularies, "台账模板.xlsx")
    existing, _ = load_existing("data", kind)
    records, problems = read_table("台账.xlsx", kind, vocabularies, mapping=None, existing=existing)
    if not errors(problems):
        write_records(records, f"data/{kind}", kind)
    export_table(kind, list(existing.values()), f"{kind}.xlsx", vocabularies=vocabularies)
"""
from portal.tables.columns import BUILTIN_VOCABULARIES, KINDS
from portal.tables.mapping import Mapping, load_mapping
from portal.tables.problems import Problem, errors, summary_lines
from portal.tables.reader import read_table
from portal.tables.records import WriteResult, dump_record, load_existing, write_records
from portal.tables.vocab import VocabularyError, load_vocabularies
from portal.tables.workbook import ExportResult, csv_paths, export_table, write_template

__all__ = ["BUILTIN_VOCABULARIES", "KINDS", "Mapping", "load_mapping", "Problem", "errors", "summary_lines",
           "read_table", "WriteResult", "dump_record", "load_existing", "write_records", "VocabularyError",
           "load_vocabularies", "ExportResult", "csv_paths", "export_table", "write_template"]
