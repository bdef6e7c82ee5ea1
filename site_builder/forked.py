"""Work shared between forked processes, each taking every n-th item.

The workers are forked from this process, so they inherit what it holds (documents,
tables, loaded modules) and nothing but each share's answer is pickled. The job is handed
over through a module global set before the fork, so a closure can be one.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Answer = TypeVar("Answer")

_job: Callable[[int, int], Any] | None = None


def workers() -> int:
    """How many processes can share work here: the cores, up to two; one where a process
    cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def map_items(function: Callable[[Item], Answer], items: Sequence[Item], parallel_from: int) -> list[Answer]:
    """`function` of each item, in order: on `workers()` forked processes, each taking every
    n-th item, when there are `parallel_from` items or more; else here."""
    count = workers()
    if len(items) < parallel_from or count < 2:
        return [function(item) for item in items]
    shares = _run_shares(lambda start, step: [function(item) for item in items[start::step]], count)
    answers: list[Answer] = [None] * len(items)  # type: ignore[list-item]
    for start, share in enumerate(shares):
        answers[start::count] = share
    return answers


def _run_shares(job: Callable[[int, int], Answer], count: int) -> list[Answer]:
    """`job(start, count)` in `count` forked processes, one share each (a pool could hand
    both shares to the worker that started first); their answers in order."""
    global _job
    context = multiprocessing.get_context("fork")
    _job = job
    try:
        started = []
        for start in range(count):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_share, args=(start, count, sending), daemon=True)
            process.start()
            sending.close()
            started.append((process, receiving))
        answers = [_answer_of(process, receiving) for process, receiving in started]
    finally:
        _job = None
    return answers


def _answer_of(process: Any, receiving: Any) -> Any:
    try:
        outcome, answer = receiving.recv()
    except EOFError:
        outcome, answer = "failed", f"a worker ended without an answer (exit code {process.join() or process.exitcode})"
    process.join()
    if outcome != "answer":
        raise RuntimeError(f"a worker failed: {answer}")
    return answer


def _share(start: int, count: int, sending: Any) -> None:
    """In a worker (the build pauses the cycle collector, and a short-lived worker keeps it off)."""
    gc.disable()
    assert _job is not None, "set before the workers are forked"
    try:
        sending.send(("answer", _job(start, count)))
    except BaseException:  # noqa: BLE001 - whatever it was, the parent reports it
        sending.send(("failed", traceback.format_exc()))
    finally:
        sending.close()


_background: list[int] = []  # the processes `in_background` forked, not yet waited for


def in_background(job: Callable[[], object]) -> None:
    """`job` in a forked process while this one goes on (cache files written while the build
    renders: a cold build's parent works alone then, and a second core is idle); `settle`
    waits for it. A failure is printed by that process, not raised: what it writes is a
    cache, which only makes later builds faster. Run here where no process can be forked."""
    if workers() < 2:
        job()
        return
    pid = os.fork()
    if pid == 0:  # (it holds the cache's lock as this process does, until it ends: fork shares it)
        code = 0
        try:
            gc.disable()
            job()
        except BaseException:  # noqa: BLE001 - whatever it was, say it and end
            traceback.print_exc()
            code = 1
        finally:
            sys.stderr.flush()
            os._exit(code)
    _background.append(pid)


def settle() -> None:
    """Wait for what `in_background` forked (before its files are read, or the build ends)."""
    while _background:
        pid = _background.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # waited for already (a signal handler's reaping)
            pass
