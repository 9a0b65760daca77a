"""Pages of the enterprise registry: `enterprises` (the list, one enterprise, creating and
editing) and `imports` (the import, its template, and the export). `display` shapes a record
for the templates."""
