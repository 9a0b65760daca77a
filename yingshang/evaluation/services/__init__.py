"""Writes of the evaluation module: check the permission once, check the rules, do, and record
the audit event (`yingshang.evaluation.events`) in the same transaction.

Uploads and runs are all-or-nothing: a file with any bad row stores nothing and reports every
bad row; a run whose data do not fit its methodology is not published.
"""

from yingshang.evaluation.services.common import DataRejected
from yingshang.evaluation.services.datasets import parse_upload, upload_dataset
from yingshang.evaluation.services.methodologies import save_methodology, store_methodology
from yingshang.evaluation.services.runs import delete_run, rename_run, run_evaluation

__all__ = [
    "DataRejected",
    "delete_run",
    "parse_upload",
    "rename_run",
    "run_evaluation",
    "save_methodology",
    "store_methodology",
    "upload_dataset",
]
