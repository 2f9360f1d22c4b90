"""What every platform stand-in shares: serving an aiohttp app on a free local port."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Self, TypeVar

from aiohttp import web

T = TypeVar("T")


class LocalServer:
    """Start/stop and ``async with`` for a stand-in; subclasses build the app."""

    name = "stand-in"
    path = ""  # appended to http://host:port to make the base URL

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._url: str | None = None
        self._arrived = asyncio.Event()  # set on every request

    async def _wait(
        self, count: int, select: Callable[[], Sequence[T]], what: str, seconds: float
    ) -> list[T]:
        """Until ``select()`` holds ``count`` items; the timeout names what did arrive."""
        try:
            async with asyncio.timeout(seconds):
                while len(found := select()) < count:
                    self._arrived.clear()  # no await since the check: no arrival is missed
                    await self._arrived.wait()
        except TimeoutError:
            raise TimeoutError(
                f"waited {seconds}s for {count} {what}; arrived: {self.arrivals()}"
            ) from None
        return list(found)

    def arrivals(self) -> str:
        return "nothing"

    def app(self) -> web.Application:
        raise NotImplementedError

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on ``host:port`` (0 = a free port); returns the base URL."""
        if self._runner is not None:
            raise RuntimeError(f"{self.name} is already running")
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self._url = f"http://{bound_host}:{bound_port}{self.path}"
        return self._url

    async def stop(self) -> None:
        """Stop serving; calls and state stay readable."""
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """The base URL returned by :meth:`start`."""
        if self._url is None:
            raise RuntimeError(f"{self.name} is not started")
        return self._url
