"""A second process for work of a build that needs little of its memory: the other core.

An edit's build is one long chain (check, read, analyse, render, index, store) on one core
of two. Some of it reads nothing the rest makes until late: the check of the published site
against its record (a stat of each of its 72,000 files at 10,000 articles), the search
stage's start (its modules, the saved index, Pagefind's engine files). A `Lane` is a
process forked as the build starts, while the build process is small, that runs such work
while the build goes on, and then the search stage itself while the build process makes
what it stores after.

It runs `first` (given by the fork: no pickling of what it reads), then each call it is
sent, in order, and sends back each one's value or exception. Calls and values go through
pipes, pickled: functions by their names, so only module-level ones. A lane that ended
without answering (killed) raises SiteBuildError. A build that fails ends its lane at
once (`close(abandon=True)`: SIGTERM), not after the call it runs. Only a process with one thread forks
one (a fork copies the calling thread alone: another's locks would stay held in the
child), and only on a system with fork.
"""
from __future__ import annotations

import functools
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from site_builder.errors import SiteBuildError


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Lane:
    def __init__(self, first: Callable[[], Any]):
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the lane
            os.close(requests_out)
            os.close(answers_in)
            _serve(first, requests_in, answers_out)
        os.close(requests_in)
        os.close(answers_out)
        self._requests: BinaryIO | None = os.fdopen(requests_out, "wb")
        self._answers = os.fdopen(answers_in, "rb")
        self._waiting = ["first"]  # the names of the calls not yet answered, oldest first
        self._answered: dict[str, tuple[bool, Any]] = {}  # read before they were asked for

    def send(self, function: Callable[..., Any], *args: Any, name: str = "") -> None:
        """Have the lane call `function(*args)` after what it was sent before (`name`: what
        `answer` asks for it by; the first call's is "first")."""
        assert self._requests is not None, "the lane is closed"
        request = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)  # (what cannot be pickled: nothing sent)
        self._requests.write(request)
        self._requests.flush()
        self._waiting.append(name or function.__name__)

    def answer(self, name: str) -> Any:
        """The value of the call `name` (its exception raised here): the answers before it
        are read and kept for when they are asked for."""
        while name not in self._answered:
            if name not in self._waiting:
                raise SiteBuildError(f"the build's second process was sent no {name}")
            try:
                self._answered[self._waiting.pop(0)] = pickle.load(self._answers)
            except (EOFError, pickle.UnpicklingError) as error:
                raise SiteBuildError("the build's second process ended without answering") from error
        failed, value = self._answered.pop(name)
        if failed:
            raise value
        return value

    def close(self, abandon: bool = False) -> None:
        """End the lane after its current call, or at once (`abandon`: the build failed, and
        what the lane makes is thrown away; a search stage left unfinished is a killed
        build's), and reap it."""
        if self._requests is None:
            return
        if abandon:
            os.kill(self._pid, signal.SIGTERM)
        self._requests.close()
        self._requests = None
        self._answers.close()
        os.waitpid(self._pid, 0)


def _serve(first: Callable[[], Any], requests: int, answers: int) -> None:
    """The lane's life: `first`, then each call sent, until the build closes its end."""
    code = 0
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (whatever the build process made of it)
    try:
        with os.fdopen(requests, "rb") as inbox, os.fdopen(answers, "wb") as outbox:
            _answer(outbox, first)
            while True:
                try:
                    function, args = pickle.load(inbox)
                except EOFError:
                    break
                _answer(outbox, functools.partial(function, *args))
    except BaseException:  # noqa: BLE001 - the build reads the end of the pipe
        code = 1
    finally:
        os._exit(code)  # nothing of the build's (its atexit, its buffers) is the lane's to run


def _answer(outbox: BinaryIO, call: Callable[[], Any]) -> None:
    try:
        reply = (False, call())
    except BaseException as error:  # noqa: BLE001 - sent to the build, which raises it
        reply = (True, error)
    try:
        data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled is told by its text
        data = pickle.dumps((True, SiteBuildError(f"in the build's second process: {reply[1]!r}")))
    outbox.write(data)
    outbox.flush()
