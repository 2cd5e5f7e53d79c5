"""Request every source address the data cites, once, and say whether it still opens.

Only requests: nothing here reads files beyond the model or writes any (see records.py).
"""

from __future__ import annotations

import functools
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

OK, MOVED, BROKEN, UNREACHABLE = "ok", "moved", "broken", "unreachable"
STATUSES = (OK, MOVED, BROKEN, UNREACHABLE)
USER_AGENT = (
    "cspp-check-sources/0.1 (link checker of \"Scotland's children's services planning, "
    'as open data": checks once a week that the public pages its data cites still open)'
)
HEAD_REFUSED = {405, 501}
# The name has no address at all: asking again in a second will not give it one.
NO_SUCH_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for each of connect, read and write
    concurrency: int = 8  # requests in flight at once
    retries: int = 2  # further tries after a connection error or a 5xx
    backoff: float = 0.5  # seconds before the first retry, doubled for each further one


@dataclass(frozen=True)
class Check:
    url: str
    link_status: str
    http_status: int | None  # of the last answer, after redirects; None when none came
    final_url: str  # where redirects ended; "" when not redirected
    note: str  # why it is not ok, in words, for the report
    reached_host: bool = True  # False when not even a connection was made


def source_urls(model) -> list[str]:
    """Every distinct address of the sources table, sorted (a source without one is skipped)."""
    return sorted({url for url in model.table("sources")["url"] if url})


def check_links(urls: list[str], settings: Settings = Settings()) -> list[Check]:
    """One check per address, in the order given.

    The first address of each host goes first; when that host cannot be connected to at all,
    its other addresses are recorded unreachable without asking it again.
    """
    by_host = group_by_host(urls)
    firsts = [group[0] for group in by_host.values()]
    with new_client(settings) as client, ThreadPoolExecutor(settings.concurrency) as pool:
        check = functools.partial(check_link, client, settings=settings)
        checks = dict(zip(firsts, pool.map(check, firsts)))
        others = [
            url for group in by_host.values() if checks[group[0]].reached_host for url in group[1:]
        ]
        checks.update(zip(others, pool.map(check, others)))
    for group in by_host.values():
        for url in group[1:]:
            checks.setdefault(url, same_host_down(url, checks[group[0]]))
    return [checks[url] for url in urls]


def group_by_host(urls: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        groups.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    return groups


def same_host_down(url: str, first: Check) -> Check:
    return Check(url, UNREACHABLE, None, "", f"host not reachable: {first.note}", False)


def new_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        timeout=settings.timeout,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=settings.concurrency),
    )


def check_link(client: httpx.Client, url: str, settings: Settings) -> Check:
    """What one address answers now, as a Check."""
    try:
        return answered(url, fetch(client, url, settings))
    except httpx.TimeoutException as error:
        return Check(
            url,
            UNREACHABLE,
            None,
            "",
            f"no answer within {settings.timeout:g} s",
            not isinstance(error, httpx.ConnectTimeout),
        )
    except httpx.ConnectError as error:
        return Check(url, UNREACHABLE, None, "", f"could not connect: {error}", False)
    except httpx.TransportError as error:
        return Check(url, UNREACHABLE, None, "", f"the connection failed: {error}")
    except httpx.TooManyRedirects:
        return Check(url, BROKEN, None, "", "too many redirects")
    except httpx.HTTPError as error:  # e.g. a redirect to an address that is not http(s)
        return Check(url, BROKEN, None, "", f"cannot be followed: {error}")


def answered(url: str, response: httpx.Response) -> Check:
    final = str(response.url) if response.history else ""
    code = response.status_code
    if 200 <= code < 300:
        if final and final != url:
            return Check(url, MOVED, code, final, f"moved to {final}")
        return Check(url, OK, code, "", "")
    return Check(url, BROKEN, code, final, f"answered {code} {response.reason_phrase}".strip())


def fetch(client: httpx.Client, url: str, settings: Settings) -> httpx.Response:
    """HEAD, or GET where the server refuses HEAD or drops the connection on it."""
    try:
        response = with_retries(client, "HEAD", url, settings)
    except (httpx.RemoteProtocolError, httpx.ReadError):
        return with_retries(client, "GET", url, settings)
    if response.status_code in HEAD_REFUSED:
        return with_retries(client, "GET", url, settings)
    return response


def with_retries(client: httpx.Client, method: str, url: str, settings: Settings) -> httpx.Response:
    """Try again after a connection error or a 5xx answer, waiting longer each time.

    A timeout is not retried: the wait would only multiply, and a page that takes longer than
    the timeout is recorded as unreachable either way.
    """
    for attempt in range(settings.retries):
        try:
            response = send(client, method, url)
        except httpx.TimeoutException:
            raise
        except httpx.TransportError as error:
            if name_does_not_resolve(error):
                raise
        else:
            if response.status_code < 500:
                return response
        time.sleep(settings.backoff * 2**attempt)
    return send(client, method, url)


def send(client: httpx.Client, method: str, url: str) -> httpx.Response:
    # Streamed and closed unread: the status is all we need, not a 50 MB PDF.
    with client.stream(method, url) as response:
        return response


def name_does_not_resolve(error: BaseException) -> bool:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror) and cause.errno in NO_SUCH_NAME:
            return True
        cause = cause.__cause__ or cause.__context__
    return False
