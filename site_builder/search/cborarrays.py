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

# gather builds its index arrays (8 bytes per byte gathered) for at most this many bytes at once: arrays
# of a few MB are reused from the heap; larger ones are mapped anew each time, and every page faulted in
_GATHER_BYTES = 1 << 19
_INFO_OF_SIZE = np.array([0, 0, 24, 25, 0, 26], np.uint8)  # a head's size -> its first byte's low bits


def head_sizes(values: Ints) -> Ints:
    """Bytes of each CBOR head holding ``values`` (non-negative, below 2**32)."""
    return 1 + (values >= 24) + (values >= 1 << 8) + 2 * (values >= 1 << 16)


def heads(majors: Ints | int, values: Ints) -> tuple[Bytes, Ints]:
    """The CBOR heads (major type, argument) end to end, and each one's size. Sizes and
    first bytes are worked in bytes, not int64: a page's ~13,000 heads in about half the time."""
    if len(values) and int(values.max()) >= 1 << 32:
        raise ValueError("integer too large for an index item")
    follows = values >= 24  # the argument is in the bytes after the first
    sizes = follows.view(np.uint8) + (values >= 1 << 8).view(np.uint8)
    sizes += 1
    sizes += 2 * (values >= 1 << 16).view(np.uint8)
    ends = np.cumsum(sizes, dtype=np.int64)
    out = np.zeros(int(ends[-1]) if len(ends) else 0, np.uint8)
    starts = ends - sizes
    # the first byte: the major type, then the value itself or how many bytes follow (24: 1, 25: 2, 26: 4)
    out[starts] = (np.asarray(majors, np.uint8) << 5) | np.where(follows, _INFO_OF_SIZE[sizes], values.astype(np.uint8))
    for width in (1, 2, 4):  # the argument after the first byte, big-endian
        chosen = np.flatnonzero(sizes == 1 + width)
        at, value = starts[chosen] + 1, values[chosen]
        for k in range(width):
            out[at + k] = value >> (8 * (width - 1 - k))  # (the low byte: uint8 keeps it)
    return out, sizes.astype(np.int64)


def gather(buffer: Bytes, starts: Ints, lengths: Ints) -> Bytes:
    """The runs ``buffer[starts[k]:starts[k] + lengths[k]]`` end to end."""
    if not lengths.all():
        starts, lengths = starts[lengths > 0], lengths[lengths > 0]
    ends = np.cumsum(lengths)
    out = np.empty(int(ends[-1]) if len(ends) else 0, np.uint8)
    first, done = 0, 0
    while first < len(lengths):  # a block of runs of about _GATHER_BYTES at a time
        last = max(int(np.searchsorted(ends, done + _GATHER_BYTES, "right")), first + 1)
        size = int(ends[last - 1]) - done
        np.take(buffer, _run_indices(starts[first:last], lengths[first:last], size), out=out[done:done + size])
        first, done = last, done + size
    return out


def _run_indices(starts: Ints, lengths: Ints, size: int) -> Ints:
    """``starts[k] … starts[k] + lengths[k] - 1`` for each k, end to end (lengths above 0): a
    step of 1 inside a run, a jump to the next run's start after it, summed up (``np.repeat``
    costs about ten times as much a run)."""
    steps = np.ones(size, np.int64)
    steps[0] = starts[0]
    steps[np.cumsum(lengths[:-1])] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)
    return np.cumsum(steps, out=steps)


def changes(values: npt.NDArray) -> npt.NDArray[np.bool_]:
    """Which of ``values`` differ from the one before (the first does). ``np.r_`` and
    ``np.concatenate`` for this cost several µs a call, and a page is encoded with dozens."""
    out = np.empty(len(values), bool)
    out[:1] = True
    np.not_equal(values[1:], values[:-1], out=out[1:])
    return out


def offsets(lengths: Ints) -> Ints:
    """Where each of runs of ``lengths``, end to end, starts, and the end."""
    out = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def run_starts(lengths: Ints) -> Ints:
    """Where each of runs of ``lengths``, end to end, starts."""
    return np.cumsum(lengths) - lengths


# more runs than this are taken out with a mask of every element (a slice each would cost more)
RUNS_BY_SLICES = 4096


def without_runs(values: np.ndarray, starts: Ints, lengths: Ints) -> np.ndarray:
    """``values`` without the runs ``[start, start + length)`` (rising, none overlapping).
    A few runs (an edited page's items in a range of ~1 million) by joining the slices left
    between them, one copy of what stays: ``np.delete`` makes and applies a mask of every
    element, ~10 times the time on a range's ~15 MB of item bytes."""
    if len(starts) > RUNS_BY_SLICES:
        return np.delete(values, np.repeat(starts - run_starts(lengths), lengths) + np.arange(int(lengths.sum())))
    begins = [0, *(starts + lengths).tolist()]
    ends = [*starts.tolist(), len(values)]
    return np.concatenate([values[begin:end] for begin, end in zip(begins, ends, strict=True)])
