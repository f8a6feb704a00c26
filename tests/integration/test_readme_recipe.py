"""The README's "Running a node" recipe, run as written: real processes, a fresh store.

The commands are read from the README's code block itself, so the test breaks when the
README drifts from what the node does (a file it names that is not shipped, an option
that changed). Only two things differ from a production run, each said where it is done:
the database is a temporary SQLite file instead of the recipe's PostgreSQL server, and
``serve`` listens on a free loopback port instead of 0.0.0.0:8000.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx2
import yaml

from tests.serving import cli, served_node

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def recipe() -> list[str]:
    """The lines of the first shell block under "## Running a node"."""
    section = README.split("\n## Running a node\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the section has no ```sh block"
    return block.group(1).splitlines()


def shell_value(value: str) -> str:
    """An ``export`` value as the shell makes it: quotes removed, $(...) run."""
    done = subprocess.run(
        ["bash", "-c", f"printf %s {value}"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_node_recipe_runs_as_written(tmp_path: Path) -> None:
    env: dict[str, str] = {}
    commands: list[list[str]] = []
    for line in recipe():
        if line.startswith("export "):
            name, value = line.removeprefix("export ").split("=", 1)
            env[name] = shell_value(value)
        elif argv := shlex.split(line, comments=True):
            commands.append(argv)
    assert env["SMARTBORDER_ENVIRONMENT"] == "production"
    assert len(env["SMARTBORDER_SECRET_KEY"]) >= 32
    # The recipe names a PostgreSQL server; the same commands run on a fresh SQLite file.
    assert env["SMARTBORDER_DATABASE_URL"].startswith("postgresql")
    env["SMARTBORDER_DATABASE_URL"] = f"sqlite:///{tmp_path / 'node.db'}"
    # Run from a copy of the checkout's examples, so that relative paths resolve as
    # they do for a reader in the repository and nothing is written into it.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")

    token = ""
    served = []
    for argv in commands:
        assert argv[0] == "smartborder", f"not a smartborder command: {argv}"
        if argv[1] == "serve":
            served.append(argv)
            continue
        done = cli(env, *argv[1:], cwd=tmp_path)
        assert done.returncode == 0, f"{shlex.join(argv)}: {done.stderr}"
        if argv[1:3] == ["users", "create"]:
            token = done.stdout.strip().splitlines()[-1]
    assert [argv[:2] for argv in commands[:3]] == [
        ["smartborder", "db"],
        ["smartborder", "ports"],
        ["smartborder", "users"],
    ]

    (serve,) = served
    assert {"--host", "--port"} <= set(serve)
    # A first start migrates nothing but imports everything: give a busy machine time.
    with served_node(env, log=tmp_path / "serve.log", start_within=120) as base:
        answer = httpx2.get(
            f"{base}/v1/ports", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
    assert answer.status_code == 200, answer.text
    loaded = next(a for a in commands if a[1:3] == ["ports", "load"])[3]
    shipped = yaml.safe_load((tmp_path / loaded).read_text(encoding="utf-8"))["ports"]
    assert sorted(p["code"] for p in answer.json()) == sorted(p["code"] for p in shipped)


def test_every_file_the_readme_names_in_the_repository_exists() -> None:
    # Paths under the repository's own folders with a file extension; NAME.py and the
    # like are placeholders, and folders (tests/e2e/) may be announced before they exist.
    named = set(re.findall(r"\b(?:examples|src|tests|bench)/[\w./-]*\w\.[a-z]+\b", README))
    named = {p for p in named if not re.search(r"/[A-Z]+\.[a-z]+$", p)}
    assert "examples/ports.yaml" in named
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == []
