"""The best reading of the second article's body by dynamic programming over its units:
a state per (owner of the column being read, the other article's last piece), a beam of
the best states per unit, and the reading walked back from the best final state."""
from __future__ import annotations

import math
from typing import NamedTuple

from site_builder.ingest.column_grid import Move, Step
from site_builder.ingest.interleave.junctions import W
from site_builder.ingest.interleave.junctions import Junctions
from site_builder.ingest.interleave.moves import START, Earlier, Scorer, State
from site_builder.ingest.interleave.stream import Stream

BEAM = 24  # states kept per unit


class Back(NamedTuple):
    """How the reading came into a state: from which state, by which move."""

    state: State
    move: Move
    split: int | None


class Entry(NamedTuple):
    """The best way into a state so far."""

    score: float
    back: Back | None
    earlier: Earlier


Layer = dict[State, Entry]


def best_reading(scorer: Scorer) -> tuple[float, list[Step] | None]:
    """(score, reading) of the best reading under the scorer's vocabulary and layout;
    (-inf, None) when no reading reaches the end."""
    layers: list[Layer] = [{START: Entry(0.0, None, scorer.earlier_at_start())}]
    for i in range(len(scorer.stream.units)):
        layers.append(_next_layer(scorer, i, layers[-1]))
    finals = []
    for state, entry in layers[-1].items():
        path = _walk_back(layers, state)
        finals.append((entry.score + scorer.final(state, path), path))
    if not finals:
        return -math.inf, None
    return max(finals, key=lambda fp: fp[0])


def _next_layer(scorer: Scorer, i: int, layer: Layer) -> Layer:
    """The best way into each state once unit i is read, the best BEAM states kept."""
    out: Layer = {}
    for state, entry in layer.items():
        for option in scorer.moves(i, state, entry.earlier):
            score = entry.score + option.gain
            old = out.get(option.state)
            if old is None or score > old.score:
                out[option.state] = Entry(score, Back(state, option.move, option.split),
                                          scorer.earlier_pieces(entry.earlier, i, state, option.move))
    if len(out) > BEAM:
        out = dict(sorted(out.items(), key=lambda kv: -kv[1].score)[:BEAM])
    return out


def _walk_back(layers: list[Layer], state: State) -> list[Step]:
    path: list[Step] = []
    for i in range(len(layers) - 1, -1, -1):
        back = layers[i][state].back
        if back is None:
            break
        path.append(Step(state.owner, back.move, back.split))
        state = back.state
    path.reverse()
    return path


def score_of(scorer: Scorer, path: list[Step]) -> float:
    """The score of a given reading (a grid's); -inf when the text allows no such reading
    (a split inside a word's mark)."""
    state, total = START, 0.0
    earlier = scorer.earlier_at_start()
    for i, step in enumerate(path):
        match = [o for o in scorer.moves(i, state, earlier, wanted=step)
                 if o.move == step.move and o.split == step.split and o.state.owner == step.owner]
        if not match:
            return -math.inf
        earlier = scorer.earlier_pieces(earlier, i, state, step.move)
        best = max(match, key=lambda o: o.gain)
        state = best.state
        total += best.gain
    return total + scorer.final(state, path)


def straight_score(stream: Stream, junctions: Junctions) -> float:
    """The score of reading the second article straight through, as segmented."""
    units, ends = stream.units, stream.ends
    s = 0.0
    for k in range(1, len(units)):
        s += junctions.pair(units[k - 1], ends[k - 1], units[k], units[k - 2] if k >= 2 else None)
    s -= W.ends_on_cut * ((ends[-1] != "end") + (stream.a_ending != "end"))
    return s
