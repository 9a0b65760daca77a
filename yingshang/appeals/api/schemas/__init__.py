"""Schemas of the appeal API: one module per resource."""
