"""The uploaded list, kept encrypted in the database between the upload and the import.

In the database rather than on a disk so that the web process and the workers, possibly on other
machines, see the same file; in pieces so that neither writing nor reading it ever holds the whole
file in memory.
"""

import bisect
import io
from collections.abc import Iterator
from typing import IO, Any

from django.db import transaction

from irtiqaa.imports.models import ImportChunk, ImportJob
from irtiqaa.lib.crypto import field_cipher

CHUNK_SIZE = 1024 * 1024


def _pieces(stream: IO[bytes]) -> Iterator[bytes]:
    while piece := stream.read(CHUNK_SIZE):
        yield piece


def store_file(job: ImportJob, stream: IO[bytes]) -> int:
    """Encrypt and store the file; returns its size in bytes."""
    cipher = field_cipher()
    size = 0
    with transaction.atomic():
        ImportChunk.objects.filter(job=job).delete()
        for position, piece in enumerate(_pieces(stream)):
            ImportChunk.objects.create(
                job=job, position=position, size=len(piece), data=cipher.encrypt(piece)
            )
            size += len(piece)
    return size


def discard_file(job: ImportJob) -> None:
    ImportChunk.objects.filter(job=job).delete()


class StoredFile(io.RawIOBase):
    """A seekable, read-only view of a stored file that decrypts one piece at a time (an XLSX
    file is a zip archive: openpyxl seeks in it)."""

    def __init__(self, job: ImportJob) -> None:
        super().__init__()
        self._job_id = job.pk
        self._sizes = list(
            ImportChunk.objects.filter(job_id=job.pk)
            .order_by("position")
            .values_list("position", "size")
        )
        self._starts: list[int] = []
        offset = 0
        for _position, size in self._sizes:
            self._starts.append(offset)
            offset += size
        self._length = offset
        self._offset = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._offset

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._offset, io.SEEK_END: self._length}[whence]
        self._offset = max(0, base + offset)
        return self._offset

    def _piece(self, index: int) -> bytes:
        if self._cached is None or self._cached[0] != index:
            position = self._sizes[index][0]
            token = ImportChunk.objects.values_list("data", flat=True).get(
                job_id=self._job_id, position=position
            )
            self._cached = (index, field_cipher().decrypt(bytes(token)))
        return self._cached[1]

    def readinto(self, buffer: Any) -> int:
        if self._offset >= self._length:
            return 0
        index = bisect.bisect_right(self._starts, self._offset) - 1
        piece = self._piece(index)
        start = self._offset - self._starts[index]
        data = piece[start : start + len(buffer)]
        buffer[: len(data)] = data
        self._offset += len(data)
        return len(data)


def open_stored(job: ImportJob) -> io.BufferedReader:
    return io.BufferedReader(StoredFile(job), buffer_size=256 * 1024)
