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
import importlib

# Each public name and the module that defines it, imported on first use (PEP 562): the open-data writer needs the
# columns and vocabularies, not openpyxl and the import machinery (0.2 CPU-s in its process).
_WHERE = {"BUILTIN_VOCABULARIES": "columns", "KINDS": "columns", "Mapping": "mapping", "load_mapping": "mapping",
          "Problem": "problems", "errors": "problems", "summary_lines": "problems", "read_table": "reader",
          "WriteResult": "records", "dump_record": "records", "load_existing": "records", "write_records": "records",
          "VocabularyError": "vocab", "load_vocabularies": "vocab", "ExportResult": "workbook",
          "csv_paths": "workbook", "export_table": "workbook", "write_template": "workbook"}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'portal.tables' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"portal.tables.{module}"), name)
    globals()[name] = value
    return value


__all__ = ["BUILTIN_VOCABULARIES", "KINDS", "Mapping", "load_mapping", "Problem", "errors", "summary_lines",
           "read_table", "WriteResult", "dump_record", "load_existing", "write_records", "VocabularyError",
           "load_vocabularies", "ExportResult", "csv_paths", "export_table", "write_template"]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
