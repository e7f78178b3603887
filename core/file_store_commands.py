"""`flask uploads copy-to-store`: move a one-machine site's upload folder into the bucket it now uses."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from core.file_store import BucketStore, FileStore, FolderStore, store

uploads_cli = AppGroup("uploads", help="Uploaded files (receipts, product pictures).")


@dataclass(frozen=True)
class Copied:
    copied: int
    already_there: int


def copy_folder(source: FolderStore, target: FileStore) -> Copied:
    """Every file of the folder that the target lacks, under the same key; what it already holds stays. The
    folder is left as it was (remove it once the site works from the bucket)."""
    copied = already = 0
    for key in source.keys():
        if target.exists(key):
            already += 1
            continue
        with source.open(key).stream as stream:
            target.put(key, stream.read())
        copied += 1
    return Copied(copied, already)


@uploads_cli.command("copy-to-store")
def copy_to_store_command() -> None:
    """Copy the files under UPLOAD_FOLDER into the bucket named by UPLOAD_S3_BUCKET (safe to run again)."""
    target = store()
    if not isinstance(target, BucketStore):
        raise click.ClickException("No bucket is configured (UPLOAD_S3_BUCKET): the files already live in "
                                   "UPLOAD_FOLDER.")
    result = copy_folder(FolderStore(Path(current_app.config["UPLOAD_FOLDER"])), target)
    click.echo(f"{result.copied} files copied to {target.bucket}; {result.already_there} were there already.")
