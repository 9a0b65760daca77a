"""The registry's spreadsheets: `export` (what a user may see, as .xlsx). The import template
lives with the import, in `imports.template`."""
