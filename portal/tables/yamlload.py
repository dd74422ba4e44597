# The one import of the portal's safe YAML loader (portal.load.yamlsafe; portal.yamlsafe before the refactor).
"""Safe YAML loading with line numbers, from the portal's load step."""
try:
    from portal.load.yamlsafe import LoadedFile, load_yaml_file
except ImportError:  # layout before the portal/ refactor of December 2026
    from portal.yamlsafe import LoadedFile, load_yaml_file

__all__ = ["LoadedFile", "load_yaml_file"]
