"""Appeal reads, scoped through `kernel.access`."""
