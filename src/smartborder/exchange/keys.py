"""Node identity: the Ed25519 key pair with which a node signs what it sends its partner.

``node.key`` (PKCS#8 PEM, mode 0600) never leaves the node; ``node.pub``
(SubjectPublicKeyInfo PEM) is handed to the partner agency, which configures it as
``SMARTBORDER_PARTNER_KEY``. A key id (the first 16 hex digits of the SHA-256 of the raw
public key) names the key in message headers, so that a message signed with a key the
receiver does not know is refused before its signature is even checked.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from smartborder import files
from smartborder.errors import ConfigurationError, Conflict, InvalidInput

PRIVATE_NAME = "node.key"
PUBLIC_NAME = "node.pub"
_MAX_KEY_FILE = 16 * 1024


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class PublicIdentity:
    """A node's public key, as its partner knows it."""

    key: Ed25519PublicKey
    key_id: str

    @classmethod
    def of(cls, key: Ed25519PublicKey) -> PublicIdentity:
        return cls(key=key, key_id=key_id(key))

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            self.key.verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def pem(self) -> bytes:
        return self.key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@dataclass(frozen=True)
class NodeIdentity:
    """This node's private key and the public identity that goes with it."""

    key: Ed25519PrivateKey
    public: PublicIdentity

    @classmethod
    def generate(cls) -> NodeIdentity:
        return cls.of(Ed25519PrivateKey.generate())

    @classmethod
    def of(cls, key: Ed25519PrivateKey) -> NodeIdentity:
        return cls(key=key, public=PublicIdentity.of(key.public_key()))

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data)

    def pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def _write(path: Path, data: bytes, mode: int) -> None:
    # Created with its final mode, written under a temporary name and renamed, so that
    # the private key is never readable by others, not even for an instant, nor half-written.
    tmp = path.with_name(path.name + ".partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, mode)  # the umask may have taken bits away from the public key's mode
    tmp.replace(path)


def write_key_pair(directory: Path, *, overwrite: bool = False) -> NodeIdentity:
    """Generate a key pair into ``directory`` (node.key 0600, node.pub 0644)."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / PRIVATE_NAME, directory / PUBLIC_NAME
    if not overwrite and (private_path.exists() or public_path.exists()):
        raise Conflict(
            f"{directory} already holds a node key; a new one would cut this node off from "
            "its partner (use --force to replace it)"
        )
    identity = NodeIdentity.generate()
    _write(private_path, identity.pem(), 0o600)
    _write(public_path, identity.public.pem(), 0o644)
    return identity


def _read(path: Path, what: str) -> bytes:
    try:
        return files.read_bytes(path, limit=_MAX_KEY_FILE, what=what)
    except InvalidInput as exc:  # a setting names the file: it is the settings that are wrong
        raise ConfigurationError(f"cannot read {what} {path}: {exc}") from None


def load_node_identity(path: Path) -> NodeIdentity:
    """This node's private key from ``path``; refused when others can read it."""
    data = _read(path, "node key")
    if path.stat().st_mode & 0o077:
        raise ConfigurationError(
            f"node key {path} is readable by other users; `chmod 600 {path}` first"
        )
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"node key {path} is not a PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(f"node key {path} is not an Ed25519 key")
    return NodeIdentity.of(key)


def load_public_identity(path: Path) -> PublicIdentity:
    """The partner's public key from ``path``."""
    data = _read(path, "partner key")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"partner key {path} is not a PEM public key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigurationError(f"partner key {path} is not an Ed25519 key")
    return PublicIdentity.of(key)
