"""Padding makes a body exactly as long as asked, and every decoder still reads it."""

from __future__ import annotations

import gzip
import io
import zlib

import pytest

from veiviser.web import padding

PAGE = b"<!doctype html><title>Plan</title><p>" + b"Call 116 006. " * 40 + b"</p>"


def packed(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize("extra", [0, 1, 5, 100, 4000])
def test_a_gzip_body_grows_to_the_exact_length_and_still_decodes(extra):
    stream = packed(PAGE)
    length = len(stream) + padding.overhead(True) + extra
    padded = padding.pad_gzip(stream, length)
    assert len(padded) == length
    assert padded[3] & padding.FEXTRA
    assert gzip.decompress(padded) == PAGE
    assert gzip.GzipFile(fileobj=io.BytesIO(padded)).read() == PAGE
    assert zlib.decompress(padded, 47) == PAGE  # zlib's inflate, as browsers use it


def test_a_plain_body_gets_spaces_at_the_end():
    assert padding.pad_plain(PAGE, len(PAGE) + 3) == PAGE + b"   "
    assert padding.pad_plain(PAGE, len(PAGE)) == PAGE


def test_a_body_longer_than_its_length_is_refused():
    with pytest.raises(padding.TooLong):
        padding.pad_plain(PAGE, len(PAGE) - 1)
    stream = packed(PAGE)
    with pytest.raises(padding.TooLong):
        padding.pad_gzip(stream, len(stream) + padding.overhead(True) - 1)


def test_only_a_plain_gzip_stream_is_padded():
    with pytest.raises(ValueError, match="not a gzip stream"):
        padding.pad_gzip(PAGE, 10_000)
    once = padding.pad_gzip(packed(PAGE), 2000)
    with pytest.raises(ValueError, match="not a gzip stream"):
        padding.pad_gzip(once, 3000)  # already has a header field


def test_a_too_long_body_is_sent_whole_and_the_warning_says_no_more_than_what(caplog):
    assert padding.padded(PAGE, 10, False, "plan") == PAGE
    assert [r.getMessage() for r in caplog.records] == [
        "a plan (plain) was longer than its padded length: sent unpadded"
    ]
