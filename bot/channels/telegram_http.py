"""python-telegram-bot's HTTP transport on aiohttp instead of httpx, with JSON request bodies.

Measured under load (``movesafe bench inbound``, 50 chats at once): httpx's connection pool
checks every pooled connection on each request, which made sending the reply the costliest part
of a conversation step; aiohttp's connector does not. PTB keeps doing everything else (request
encoding, error mapping: 429 → RetryAfter, 403 → Forbidden, …) through ``BaseRequest``.
https://docs.python-telegram-bot.org/en/stable/telegram.request.baserequest.html
"""

from __future__ import annotations

import asyncio

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        connection_limit: int = 100,
        read_timeout: float = 10.0,
        connect_timeout: float = 5.0,
        media_write_timeout: float = 30.0,
    ) -> None:
        self._limit = connection_limit
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._media_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._limit, keepalive_timeout=60)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _timeout(self, read: ODVInput[float], connect: ODVInput[float], files: bool) -> float:
        read_s = self._read_timeout if isinstance(read, DefaultValue) or read is None else read
        conn_s = (
            self._connect_timeout
            if isinstance(connect, DefaultValue) or connect is None
            else connect
        )
        return read_s + conn_s + (self._media_timeout if files else 0.0)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = bool(request_data and request_data.contains_files)
        timeout = aiohttp.ClientTimeout(total=self._timeout(read_timeout, connect_timeout, files))
        headers = {"User-Agent": self.USER_AGENT}
        if request_data is not None and not files:
            headers["Content-Type"] = "application/json"
        try:
            async with self._session.request(
                method,
                url,
                data=self._body(request_data),
                headers=headers,
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except (aiohttp.ClientError, asyncio.CancelledError) as exc:
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise NetworkError(f"aiohttp.{type(exc).__name__}") from exc

    @staticmethod
    def _body(request_data: RequestData | None) -> aiohttp.FormData | bytes | None:
        """JSON for plain calls (the Bot API takes application/json; far cheaper to encode
        than a url-encoded form of Cyrillic text), multipart for uploads."""
        if request_data is None:
            return None
        if not request_data.contains_files:
            return request_data.json_payload
        form = aiohttp.FormData()
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
        for name, (filename, content, mimetype) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mimetype)
        return form
