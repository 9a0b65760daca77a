"""Enterprise import (市场主体导入).

The modules `columns`, `values`, `rows`, `readers` and `template` are framework-free: they take
and return plain data and are tested without a database. `vocabulary`, `planning`, `writing`,
`service` and `uploads` are the Django side.
"""
