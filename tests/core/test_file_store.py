"""The upload store (core.file_store): the folder and the S3-compatible bucket keep the same promises, keys are
only ones the app makes, and `flask uploads copy-to-store` moves a one-machine site's folder into its bucket."""
import pytest

from core import file_store
from core.file_store import BucketStore, FolderStore, MissingFile

RECEIPT = "receipts/" + "a" * 32 + ".pdf"
PICTURE = "products/" + "b" * 32 + ".jpg"


@pytest.fixture(params=["folder", "bucket"])
def each_store(request, tmp_path):
    if request.param == "folder":
        return FolderStore(tmp_path / "uploads")
    made = request.getfixturevalue("bucket")
    return BucketStore({**made.settings, "UPLOAD_S3_PREFIX": "site-a/", "UPLOAD_S3_ADDRESSING_STYLE": "path",
                        "UPLOAD_S3_TIMEOUT_SECONDS": 5})


def test_both_stores_put_open_list_and_delete_alike(each_store):
    assert not each_store.exists(RECEIPT) and list(each_store.keys()) == []
    each_store.put(RECEIPT, b"%PDF-1.4 a receipt")
    each_store.put(PICTURE, b"\xff\xd8 a picture")
    assert each_store.exists(RECEIPT) and sorted(each_store.keys()) == [PICTURE, RECEIPT]
    found = each_store.open(RECEIPT)
    with found.stream as stream:
        assert stream.read() == b"%PDF-1.4 a receipt"
    assert found.size == len(b"%PDF-1.4 a receipt") and found.etag and found.modified.tzinfo is not None
    each_store.delete(RECEIPT)
    each_store.delete(RECEIPT)  # deleting what is gone is not an error (a retried removal)
    assert not each_store.exists(RECEIPT) and list(each_store.keys()) == [PICTURE]
    with pytest.raises(MissingFile):
        each_store.open(RECEIPT)


@pytest.mark.parametrize("key", ["../secret_key", "receipts/../../secret_key", "receipts/a b.jpg", "/etc/passwd",
                                 "receipts/", "Receipts/x.jpg", "receipts/x.jpg/..", ""])
def test_keys_the_app_would_not_make_are_never_read_or_written(each_store, key):
    with pytest.raises(MissingFile):
        each_store.open(key)
    with pytest.raises(MissingFile):
        each_store.put(key, b"x")


def test_a_bucket_with_a_prefix_keeps_to_its_own_part(bucket):
    settings = {**bucket.settings, "UPLOAD_S3_ADDRESSING_STYLE": "", "UPLOAD_S3_TIMEOUT_SECONDS": 5}
    staging, live = (BucketStore({**settings, "UPLOAD_S3_PREFIX": prefix}) for prefix in ("staging/", ""))
    staging.put(PICTURE, b"picture")
    assert bucket.keys() == [f"staging/{PICTURE}"]
    assert not live.exists(PICTURE) and list(live.keys()) == []  # "staging/products/…" is no key of ours


def test_the_folder_is_the_default(app):
    with app.app_context():
        default = file_store.store()
        assert isinstance(default, FolderStore) and str(default.root) == app.config["UPLOAD_FOLDER"]


def test_a_bucket_name_in_the_settings_switches_to_the_bucket(app, bucket):
    with app.app_context():  # the fixture set UPLOAD_S3_BUCKET and its endpoint, then built the store again
        assert isinstance(file_store.store(), BucketStore) and file_store.store().bucket == bucket.name


def test_copy_to_store_moves_the_folder_into_the_bucket_once(app, bucket, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    (folder / "receipts").mkdir(parents=True)
    (folder / "products").mkdir()
    (folder / RECEIPT).write_bytes(b"%PDF-1.4 old receipt")
    (folder / PICTURE).write_bytes(b"\xff\xd8 old picture")
    (folder / "products" / ".DS_Store").write_bytes(b"not ours")
    (folder / "notes.txt").write_text("not ours")
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["uploads", "copy-to-store"])
    assert first.exit_code == 0 and f"2 files copied to {bucket.name}; 0 were there already." in first.output
    assert sorted(bucket.keys()) == [PICTURE, RECEIPT]
    assert bucket.read(RECEIPT) == b"%PDF-1.4 old receipt" and bucket.read(PICTURE) == b"\xff\xd8 old picture"
    assert (folder / RECEIPT).exists()  # the folder is left as it was, to remove once the site works
    again = runner.invoke(args=["uploads", "copy-to-store"])
    assert "0 files copied" in again.output and "2 were there already." in again.output


def test_copy_to_store_without_a_bucket_says_so_and_does_nothing(app):
    result = app.test_cli_runner().invoke(args=["uploads", "copy-to-store"])
    assert result.exit_code != 0 and "No bucket is configured (UPLOAD_S3_BUCKET)" in result.output
