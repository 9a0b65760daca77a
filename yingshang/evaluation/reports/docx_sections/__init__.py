"""The parts of the Word report, in order: title and 一、评价情况 (`overview`), 二、短板弱项
(`weaknesses`), 三、变化情况 (`changes`), 附录 (`appendix`)."""
