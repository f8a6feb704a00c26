"""The one exception hierarchy of smartborder.

Errors are raised in the core as values of these classes and translated only at the
edges: the API maps ``http_status`` to an RFC 9457 problem document, the CLI maps
``exit_code`` to the process exit status with a one-line message on stderr.

    SmartborderError                    500 / exit 1
     ├── InvalidInput                   400 / exit 2   bad data from a user or a file
     │    ├── FormatError               400 / exit 2   a message or list file we cannot read
     │    └── ValidationFailed          422 / exit 2   well-formed but not acceptable
     │         ├── IdempotencyKeyReused 422 / exit 2   the same key, another request
     │         └── TooMuchWork          422 / exit 2   past a time limit: ask for less
     ├── ConfigurationError             500 / exit 2   settings that must be fixed before start
     ├── NotAuthenticated               401
     ├── PermissionDenied               403
     ├── NotFound                       404 / exit 2   (also: another agency's record)
     ├── Conflict                       409 / exit 2
     ├── ExternalServiceError           502 / exit 1   the partner node or a list source failed
     ├── Busy                           503 / exit 1   every slot for this work is taken
     └── AuditChainBroken               500 / exit 1   the audit log was tampered with
"""

from __future__ import annotations


class SmartborderError(Exception):
    """Base of every error smartborder raises on purpose."""

    http_status: int = 500
    exit_code: int = 1
    #: A stable, short machine-readable slug; the problem document's ``type`` ends with it.
    code: str = "internal-error"
    title: str = "Internal error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(SmartborderError):
    """The caller gave us something we cannot use; they can fix it."""

    http_status = 400
    exit_code = 2
    code = "invalid-input"
    title = "Invalid input"


class FormatError(InvalidInput):
    """A message, document line or list file does not follow its format.

    ``where`` names the position in words a person can find (``line 2, column 14``,
    ``segment 7 (DOC)``) so that the message can say exactly what is wrong where.
    """

    code = "format-error"
    title = "Malformed input"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.problem = message


class ValidationFailed(InvalidInput):
    """Input that parses but breaks a rule (unknown field, value out of range...)."""

    http_status = 422
    code = "validation-failed"
    title = "Validation failed"


class IdempotencyKeyReused(ValidationFailed):
    """A request under an idempotency key that an earlier, different request used."""

    code = "idempotency-key-reused"
    title = "Idempotency key re-used"


class TooMuchWork(ValidationFailed):
    """A request stopped at its time limit: the caller can ask for less (fewer days)."""

    code = "too-much-work"
    title = "Too much work"


class ConfigurationError(SmartborderError):
    """Settings that stop the node from starting safely."""

    exit_code = 2
    code = "configuration-error"
    title = "Configuration error"


class NotAuthenticated(SmartborderError):
    http_status = 401
    code = "not-authenticated"
    title = "Not authenticated"


class PermissionDenied(SmartborderError):
    http_status = 403
    exit_code = 2
    code = "permission-denied"
    title = "Permission denied"


class NotFound(SmartborderError):
    """No such record, or one that belongs to another agency (we do not say which)."""

    http_status = 404
    exit_code = 2
    code = "not-found"
    title = "Not found"


class Conflict(SmartborderError):
    http_status = 409
    exit_code = 2
    code = "conflict"
    title = "Conflict"


class ExternalServiceError(SmartborderError):
    http_status = 502
    code = "external-service-error"
    title = "External service error"


class Busy(SmartborderError):
    """Every slot for this kind of work is taken; the same request can be tried later."""

    http_status = 503
    code = "busy"
    title = "Busy"
    retry_after = 60  # seconds, for the Retry-After header


class StoreUnavailable(SmartborderError):
    """The database could not be reached, or could not write (a restart, a full disk).
    The work in hand was rolled back, unless the failure came during its commit; intake
    is idempotent on content, so the same request can be sent again shortly."""

    http_status = 503
    code = "store-unavailable"
    title = "Store unavailable"
    retry_after = 2


class AuditChainBroken(SmartborderError):
    """The audit log cannot be trusted: a record the chain needs was edited or removed.

    Exit 1, as ``audit verify`` exits for any broken chain (a public contract)."""

    code = "audit-chain-broken"
    title = "Audit chain broken"
