"""Download one publisher file, whole, or say plainly why not.

Only the request: a timeout, retries after a connection error or a 5xx answer, a User-Agent that
names the project, and a size limit. What the bytes are is fetch.py's question; nothing here
reads or writes files.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import httpx

PROJECT = "Scotland's children's services planning, as open data"


@dataclass(frozen=True)
class Settings:
    timeout: float = 60.0  # seconds for each of connect, read and write
    retries: int = 2  # further tries after a connection error or a 5xx
    retry_wait: float = 5.0  # seconds before the first retry, doubled for each further one
    max_bytes: int = 200_000_000  # a publisher's whole table is tens of MB at most
    chunk_bytes: int = 1 << 16


@dataclass(frozen=True)
class Download:
    url: str  # where the bytes came from, after any redirect
    data: bytes
    content_type: str  # as the server said, "" when it did not
    last_modified: str  # the server's Last-Modified header, "" when it sent none


class DownloadError(Exception):
    """The file could not be downloaded whole; the message says why and what to try."""


class Retryable(Exception):
    """A failure worth another try: the connection broke, or the server answered 5xx."""


def user_agent() -> str:
    # REPO_URL is the project's repository, as the workflows set it (see mkdocs.yml).
    repository = os.environ.get("REPO_URL") or "repository address not configured"
    return (
        f'cspp-fetch/0.1 (statistics refresh of "{PROJECT}", {repository}; '
        "asks for each publisher file at most once a month)"
    )


def download(url: str, settings: Settings = Settings()) -> Download:
    """The file at url, whole; DownloadError when it cannot be had, after the retries."""
    with httpx.Client(
        follow_redirects=True, timeout=settings.timeout, headers={"User-Agent": user_agent()}
    ) as client:
        for attempt in range(settings.retries + 1):
            try:
                return download_once(client, url, settings)
            except Retryable as error:
                if attempt == settings.retries:
                    raise DownloadError(
                        f"{error} (tried {settings.retries + 1} times). Try again later; if it "
                        "keeps failing, check the address on the publisher's page"
                    ) from None
            time.sleep(settings.retry_wait * 2**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


def download_once(client: httpx.Client, url: str, settings: Settings) -> Download:
    try:
        with client.stream("GET", url) as response:
            refuse_bad_status(response, url)
            refuse_oversize(declared_length(response), settings.max_bytes, url)
            data = read_body(response, settings)
    except httpx.TimeoutException:
        # Not retried: a file slower than the timeout would only be waited for again.
        raise DownloadError(
            f"{url} did not answer within {settings.timeout:g} s. Try again "
            "later, or with a longer --timeout"
        ) from None
    except httpx.TransportError as error:
        raise Retryable(f"the connection to {url} failed: {error}") from None
    except httpx.HTTPError as error:  # e.g. too many redirects
        raise DownloadError(f"{url} cannot be downloaded: {error}") from None
    return Download(
        str(response.url),
        data,
        response.headers.get("Content-Type", ""),
        response.headers.get("Last-Modified", ""),
    )


def refuse_bad_status(response: httpx.Response, url: str) -> None:
    code = response.status_code
    said = f"{code} {response.reason_phrase}".strip()
    if code >= 500:
        raise Retryable(f"{url} answered {said}")
    if code >= 400:
        raise DownloadError(
            f"{url} answered {said}. The publisher may have moved the file: find "
            "its new address on the publisher's page and correct file_url in "
            "datapackages/measures/statistics_feeds.csv"
        )


def declared_length(response: httpx.Response) -> int | None:
    text = response.headers.get("Content-Length", "")
    return int(text) if text.isdigit() else None


def refuse_oversize(size: int | None, max_bytes: int, url: str) -> None:
    if size is not None and size > max_bytes:
        raise DownloadError(
            f"{url} is larger than the limit: {size:,} bytes, the limit is "
            f"{max_bytes:,}. Check the address gives the table expected; if the "
            "table has simply grown, raise --max-bytes"
        )


def read_body(response: httpx.Response, settings: Settings) -> bytes:
    """The body in chunks, stopping as soon as it passes the limit; a body shorter than the
    Content-Length the server declared is a truncated download, and retried."""
    expected = declared_length(response)
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes(settings.chunk_bytes):
            size += len(chunk)
            refuse_oversize(size, settings.max_bytes, str(response.url))
            chunks.append(chunk)
    except (httpx.RemoteProtocolError, httpx.ReadError):
        raise Retryable(truncated(response, expected)) from None
    if expected is not None and response.num_bytes_downloaded != expected:
        raise Retryable(truncated(response, expected))
    return b"".join(chunks)


def truncated(response: httpx.Response, expected: int | None) -> str:
    of = f" of the {expected:,} the server declared" if expected is not None else ""
    return (
        f"the download of {response.url} was cut short: {response.num_bytes_downloaded:,} "
        f"bytes arrived{of}"
    )
