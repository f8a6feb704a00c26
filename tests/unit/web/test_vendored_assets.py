"""The design systems' assets the pages serve are the ones the npm lock file names, each
with its licence beside it (``make assets`` copies them; nothing else may change them)."""

import json
from pathlib import Path

from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import bootstrap_memory
from smartborder.config import load_settings

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "src" / "smartborder" / "web" / "static" / "vendor"


def test_the_vendored_assets_are_those_of_the_lock_file_with_their_licences() -> None:
    wanted = json.loads((ROOT / "web-assets" / "package.json").read_text())["dependencies"]
    locked = json.loads((ROOT / "web-assets" / "package-lock.json").read_text())["packages"]
    lines = (VENDOR / "VERSIONS").read_text().splitlines()
    copied = {name: (version, digest) for name, version, digest in map(str.split, lines)}
    assert set(copied) == set(wanted)
    for name, version in wanted.items():
        entry = locked[f"node_modules/{name}"]
        assert version == entry["version"]  # pinned, not a range
        assert copied[name] == (entry["version"], entry["integrity"]), name
    assert (VENDOR / "gcds" / "LICENSE").read_text().startswith("MIT License")
    assert "SIL Open Font License" in (VENDOR / "uswds" / "LICENSE.md").read_text()


def test_each_agencys_theme_takes_only_what_is_vendored() -> None:
    themes = ROOT / "src" / "smartborder" / "web" / "static" / "themes"
    for theme in themes.glob("*.css"):
        for part in theme.read_text().split('url("')[1:]:
            assert (VENDOR.parent / part.split('"')[0]).is_file(), (theme.name, part)


def test_a_node_serves_its_own_agencys_theme() -> None:
    for agency, marker in (("CBSA", "vendor/gcds/global.css"), ("CBP", "Public Sans")):
        node = bootstrap_memory(load_settings(environment="development", agency=agency))
        with TestClient(create_app(node)) as client:
            theme = client.get("/assets/theme.css")
            assert theme.status_code == 200 and theme.headers["content-type"].startswith("text/css")
            assert marker in theme.text, agency
            assert client.get("/assets/vendor/gcds/global.css").status_code == 200
