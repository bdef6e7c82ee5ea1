"""CBOR heads and byte runs in bulk, with numpy: the index holds ~3,000 (word, page) items a
page (29 million at 10,000 articles), each a few CBOR integers, so they are encoded as
arrays, never one Python object an item.

``heads`` encodes many CBOR heads (``reproducible.head``, shortest form) end to end; ``gather``
joins byte runs of one buffer in a new order.
"""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]

# gather's index arrays (8 bytes per byte gathered) are built for at most this many bytes at once
_GATHER_BYTES = 1 << 22


def head_sizes(values: Ints) -> Ints:
    """Bytes of each CBOR head holding ``values`` (non-negative, below 2**32)."""
    return 1 + (values >= 24) + (values >= 1 << 8) + 2 * (values >= 1 << 16)


def heads(majors: Ints | int, values: Ints) -> tuple[Bytes, Ints]:
    """The CBOR heads (major type, argument) end to end, and each one's size."""
    if len(values) and int(values.max()) >= 1 << 32:
        raise ValueError("integer too large for an index item")
    sizes = head_sizes(values)
    starts = np.cumsum(sizes) - sizes
    out = np.zeros(int(sizes.sum()), np.uint8)
    info = np.where(sizes == 1, values, 24 + (sizes >= 3) + (sizes >= 5))  # 1, 2 or 4 bytes follow
    out[starts] = (np.asarray(majors, np.int64) << 5) | info
    for width in (1, 2, 4):  # the argument after the first byte, big-endian
        chosen = sizes == 1 + width
        at, value = starts[chosen] + 1, values[chosen]
        for k in range(width):
            out[at + k] = (value >> (8 * (width - 1 - k))) & 0xFF
    return out, sizes


def gather(buffer: Bytes, starts: Ints, lengths: Ints) -> Bytes:
    """The runs ``buffer[starts[k]:starts[k] + lengths[k]]`` end to end."""
    out = np.empty(int(lengths.sum()), np.uint8)
    ends = np.cumsum(lengths)
    first, done = 0, 0
    while first < len(lengths):  # a block of runs of about _GATHER_BYTES at a time
        last = max(int(np.searchsorted(ends, done + _GATHER_BYTES, "right")), first + 1)
        block_lengths = lengths[first:last]
        block_ends = ends[first:last] - done
        shift = np.repeat(starts[first:last] - (block_ends - block_lengths), block_lengths)
        size = int(block_ends[-1]) if len(block_ends) else 0
        out[done:done + size] = buffer[shift + np.arange(size)]
        first, done = last, done + size
    return out


def run_starts(lengths: Ints) -> Ints:
    """Where each of runs of ``lengths``, end to end, starts."""
    return np.cumsum(lengths) - lengths
