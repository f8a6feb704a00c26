"""FastAPI dependencies: the container, a unit of work, the authenticated user, role checks."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from smartborder.bootstrap import Container
from smartborder.domain import Role, User
from smartborder.domain.audit import MAX_PURPOSE
from smartborder.errors import InvalidInput, NotAuthenticated, PermissionDenied
from smartborder.repositories.unit import UnitOfWork

PURPOSE_HEADER = "X-Purpose"
_bearer = HTTPBearer(auto_error=False, description="A token from `smartborder users create`.")


# The dependencies that do no blocking work are coroutines: FastAPI runs a plain
# function dependency on a worker thread, a hop that costs more than the work.
async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


async def get_uow(container: ContainerDep) -> UnitOfWork:
    return container.units()


UowDep = Annotated[UnitOfWork, Depends(get_uow)]


async def get_current_user(
    request: Request,
    container: ContainerDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    # On the event loop, not a worker thread: the check is one indexed read of the users
    # table on every request (about 0.3 ms on SQLite), so that a token revoked or rotated
    # from another process is refused at once; a thread hop would add to each request.
    # ``api.limits`` checked this request's token before reading its body: not twice.
    checked = getattr(request.state, "user", None)
    if isinstance(checked, User):
        return checked
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated("send 'Authorization: Bearer <token>'")
    return container.authenticate(credentials.credentials)


CurrentUser = Annotated[User, Depends(get_current_user)]


def allow(*roles: Role) -> Callable[[User], Coroutine[Any, Any, User]]:
    """A dependency that lets through only users holding one of ``roles``."""

    async def check(user: CurrentUser) -> User:
        if user.role not in roles:
            allowed = ", ".join(str(r) for r in roles)
            raise PermissionDenied(f"this needs one of the roles: {allowed}")
        return user

    return check


async def purpose_header(
    x_purpose: Annotated[
        str | None,
        Header(
            description="Required: why personal data is read (1 to 200 characters); "
            "written to the audit log with the read."
        ),
    ] = None,
) -> str:
    # Required, not defaulted: a purpose the caller did not state says nothing in the log.
    purpose = (x_purpose or "").strip()
    if not purpose:
        raise InvalidInput(
            f"the {PURPOSE_HEADER} header is required: say why personal data is read "
            "(it is written to the audit log)"
        )
    if len(purpose) > MAX_PURPOSE:
        raise InvalidInput(f"the {PURPOSE_HEADER} header is at most {MAX_PURPOSE} characters")
    return purpose


Purpose = Annotated[str, Depends(purpose_header)]
