"""Score the benchmark's queries with nomenklatura's logic-v2 (runs in bench/.peer-venv).

Input (JSON lines on the file named by argv[1]): first a line {"entities": [...]} with
every list entry as a FollowTheMoney entity, then one line per query:
{"query": {...entity...}, "candidates": [entity ids]}. Output (stdout, JSON lines): for
each query, {"id": ..., "scores": [[entity id, score], ...], "seconds": matcher time}.
"""

from __future__ import annotations

import json
import sys
import time

from followthemoney import EntityProxy
from nomenklatura.matching import LogicV2


def main(path: str) -> None:
    config = LogicV2.default_config()
    with open(path, encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        entities = {e["id"]: EntityProxy.from_dict(e) for e in header["entities"]}
        # The first comparison loads logic-v2's name data: keep it out of the timings.
        first = next(iter(entities.values()))
        LogicV2.compare(first, first, config)
        for line in fh:
            item = json.loads(line)
            query = EntityProxy.from_dict(item["query"])
            started = time.perf_counter()
            scores = [
                [cid, LogicV2.compare(query, entities[cid], config).score]
                for cid in item["candidates"]
                if cid in entities
            ]
            seconds = time.perf_counter() - started
            sys.stdout.write(
                json.dumps({"id": item["query"]["id"], "scores": scores, "seconds": seconds}) + "\n"
            )


if __name__ == "__main__":
    main(sys.argv[1])
