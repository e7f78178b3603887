"""Where uploaded files are kept: a folder on this machine (the default), or an S3-compatible bucket (AWS S3,
MinIO, Cloudflare R2) when `UPLOAD_S3_BUCKET` is set, so that every web machine sees the same files.

Every upload goes through `store()`: put, open (a stream), delete, exists. Keys are `<kind>/<name>` with names
the app made (`receipts/<hex>.jpg`); nothing a visitor typed becomes a path. The bucket is private: objects are
written without any ACL, the app never hands out a bucket address or a signed link, and every file is streamed
through the app's own views with their checks (a receipt only to its owner and staff, audited)."""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from flask import Flask, Response, current_app, request, send_file

KEY = re.compile(r"^[a-z]+/[0-9A-Za-z_-]+\.[a-z0-9]+$")
CONTENT_TYPES = {"jpg": "image/jpeg", "pdf": "application/pdf"}


class MissingFile(LookupError):
    """No file under that key (never stored, deleted, or a key we would not make)."""


@dataclass
class StoredFile:
    stream: IO[bytes]  # read it once, then it is closed (the response closes it)
    size: int
    etag: str
    modified: datetime


class FileStore(Protocol):
    def put(self, key: str, content: bytes) -> None: ...
    def open(self, key: str) -> StoredFile: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def keys(self) -> Iterator[str]: ...


def checked_key(key: str) -> str:
    if not KEY.fullmatch(key):
        raise MissingFile(key)
    return key


def content_type(key: str) -> str:
    return CONTENT_TYPES.get(key.rsplit(".", 1)[-1], "application/octet-stream")


class FolderStore:
    """The embedded default: files under UPLOAD_FOLDER, outside the web root, for a site on one machine."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / checked_key(key)

    def put(self, key: str, content: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")  # never a key: a reader sees all of it or nothing
        partial.write_bytes(content)
        os.replace(partial, path)

    def open(self, key: str) -> StoredFile:
        try:
            stream = self._path(key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
            raise MissingFile(key) from error
        facts = os.fstat(stream.fileno())
        return StoredFile(stream, facts.st_size, f"{facts.st_mtime_ns:x}-{facts.st_size:x}",
                          datetime.fromtimestamp(facts.st_mtime, UTC))

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and KEY.fullmatch(key):
                yield key


class BucketStore:
    """An S3-compatible bucket. The client is made at first use, in the process that uses it (a gunicorn
    worker forked after the app was built gets its own connections)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.bucket = settings["UPLOAD_S3_BUCKET"]
        self.prefix = settings["UPLOAD_S3_PREFIX"]
        self._settings = dict(settings)
        self._client: Any = None
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = _s3_client(self._settings)
            return self._client

    def put(self, key: str, content: bytes) -> None:
        # No ACL: the object is private (as is the bucket); only the app's credentials read it.
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + checked_key(key), Body=content,
                               ContentType=content_type(key))

    def open(self, key: str) -> StoredFile:
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self.prefix + checked_key(key))
        except self.client.exceptions.NoSuchKey as error:
            raise MissingFile(key) from error
        return StoredFile(found["Body"], found["ContentLength"], found["ETag"].strip('"'), found["LastModified"])

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + checked_key(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + checked_key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", ()):
                key = item["Key"][len(self.prefix):]
                if KEY.fullmatch(key):
                    yield key


def _s3_client(settings: Mapping[str, Any]) -> Any:
    import boto3  # only a site with a bucket pays for importing it
    from botocore.config import Config

    timeout = settings["UPLOAD_S3_TIMEOUT_SECONDS"]
    config = Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 3, "mode": "standard"},
                    s3={"addressing_style": settings["UPLOAD_S3_ADDRESSING_STYLE"] or "auto"})
    # Empty keys: boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, the machine's role).
    return boto3.client("s3", endpoint_url=settings["UPLOAD_S3_ENDPOINT_URL"] or None,
                        region_name=settings["UPLOAD_S3_REGION"] or None,
                        aws_access_key_id=settings["UPLOAD_S3_ACCESS_KEY_ID"] or None,
                        aws_secret_access_key=settings["UPLOAD_S3_SECRET_ACCESS_KEY"] or None, config=config)


def build(settings: Mapping[str, Any]) -> FileStore:
    if settings.get("UPLOAD_S3_BUCKET"):
        return BucketStore(settings)
    return FolderStore(Path(settings["UPLOAD_FOLDER"]))


def configure(app: Flask) -> None:
    """(Re)build the app's store from its settings."""
    app.extensions["file_store"] = build(app.config)


def store() -> FileStore:
    return current_app.extensions["file_store"]


def send(found: StoredFile, *, mimetype: str, as_attachment: bool = False, download_name: str | None = None,
         max_age: int = 0) -> Response:
    """A stored file as the response, streamed from wherever it is kept. A request whose copy is current (its
    ETag or date) gets 304 without the file; a range is not offered (pictures and receipts are small)."""
    response = send_file(found.stream, mimetype=mimetype, as_attachment=as_attachment, download_name=download_name,
                         conditional=False, etag=found.etag, last_modified=found.modified, max_age=max_age)
    response.content_length = found.size
    response.make_conditional(request)  # changes the response itself (304, or 412 for a failed If-Match)
    return response


def init_app(app: Flask) -> None:
    configure(app)  # its command, `flask uploads copy-to-store`, is registered with the others (core.commands)
