"""API schemas of the enterprise registry (市场主体库), by resource. Descriptions are shown in
/api/docs."""
