# The work-safety knowledge portal generator: data loading, validation, rendering and build tooling.
