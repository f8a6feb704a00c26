from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from smartborder.errors import ConfigurationError, Conflict
from smartborder.exchange.keys import (
    NodeIdentity,
    load_node_identity,
    load_public_identity,
    write_key_pair,
)


def test_keygen_writes_a_private_key_only_its_owner_reads(tmp_path: Path) -> None:
    identity = write_key_pair(tmp_path / "keys")
    private, public = tmp_path / "keys" / "node.key", tmp_path / "keys" / "node.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(public.stat().st_mode) == 0o644
    assert b"PRIVATE KEY" in private.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    loaded = load_node_identity(private)
    partner_view = load_public_identity(public)
    assert loaded.public.key_id == identity.public.key_id == partner_view.key_id
    assert partner_view.verifies(loaded.sign(b"entry"), b"entry")
    assert not partner_view.verifies(loaded.sign(b"entry"), b"exit")
    assert not list((tmp_path / "keys").glob("*.partial"))


def test_keygen_refuses_to_replace_a_key_unless_forced(tmp_path: Path) -> None:
    first = write_key_pair(tmp_path)
    with pytest.raises(Conflict, match="already holds a node key"):
        write_key_pair(tmp_path)
    second = write_key_pair(tmp_path, overwrite=True)
    assert second.public.key_id != first.public.key_id


def test_a_private_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    write_key_pair(tmp_path)
    os.chmod(tmp_path / "node.key", 0o644)
    with pytest.raises(ConfigurationError, match="chmod 600"):
        load_node_identity(tmp_path / "node.key")


def test_files_that_are_not_ed25519_keys_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pub"
    junk.write_text("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n")
    with pytest.raises(ConfigurationError, match="not a PEM public key"):
        load_public_identity(junk)
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_public_identity(tmp_path / "missing.pub")
    private = tmp_path / "node.key"
    private.write_bytes(NodeIdentity.generate().public.pem())
    os.chmod(private, 0o600)
    with pytest.raises(ConfigurationError, match="not a PEM private key"):
        load_node_identity(private)
