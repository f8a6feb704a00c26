"""The access log without query strings: a client may put a secret in one by mistake
(a token as ``?token=``), and a log line is kept, copied and read far more widely than
the request it records. The path and the status are what the log is for."""

from __future__ import annotations

import copy
import logging
from typing import Any


class WithoutQuery(logging.Filter):
    """Cuts the query string from uvicorn's access records, which log
    ``(client, method, path with query, HTTP version, status)``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration, with ``WithoutQuery`` on the access log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["without_query"] = {"()": WithoutQuery}
    config["handlers"]["access"].setdefault("filters", []).append("without_query")
    return config
