# Dotted field paths inside records: read, set and delete `place.city.zh`, creating or pruning the mappings between.
"""Helpers for dotted paths; "" is the object itself."""
from __future__ import annotations


def get_path(obj, path: str, default=None):
    if not path:
        return obj
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return default
        obj = obj[part]
    return obj


def set_path(obj: dict, path: str, value) -> None:
    set_parts(obj, path.split("."), value)


def set_parts(obj: dict, parts, value) -> None:
    """set_path for a path already split into its parts (the reader splits each column's path once per sheet)."""
    for part in parts[:-1]:
        child = obj.get(part)
        if not isinstance(child, dict):
            child = obj[part] = {}
        obj = child
    obj[parts[-1]] = value


def delete_path(obj: dict, path: str) -> None:
    """Remove the field at `path`, and any mapping on the way that is left empty."""
    parts = path.split(".")
    chain = [obj]
    for part in parts[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    chain[-1].pop(parts[-1], None)
    for depth in range(len(parts) - 1, 0, -1):
        if chain[depth]:
            break
        chain[depth - 1].pop(parts[depth - 1], None)


def merge_into(target: dict, source: dict) -> None:
    """Copy `source` into `target`: mappings merged key by key, everything else replaced."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge_into(target[key], value)
        else:
            target[key] = value
