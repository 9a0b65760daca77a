"""Enterprise import (市场主体导入).

The modules `columns`, `rows`, `preview` and `template` are framework-free: they take and
return plain data and are tested without a database. `vocabulary`, `lookups`, `planning`,
`writing`, `service`, `flows` and `uploads` are the Django side. What any import needs (reading
.csv and .xlsx files, parsing cells, matching a header row, row errors, the spool of checked
records) is in `yingshang.lib.tabular`.
"""
