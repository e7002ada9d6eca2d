"""A room's results: what a trainer learns from the result files the learners hand in.

``lessons room-report FILE…`` reads each learner's result file (:mod:`lessons.results`),
scores every answer again with the package's rules, and aggregates the room: how many
learners, the average per topic, the distribution of total scores, and the questions most
missed with the misconception behind them. Files that cannot be compared with the rest (another
seed, another version of the course, a malformed file) are left out, each with a message that
names it; the files themselves are only read.

>>> room = gather([])
Traceback (most recent call last):
    ...
ValueError: No result files given: pass the .json files your learners downloaded, for example: ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lessons.i18n import t
from lessons.quiz import chapter_title
from lessons.results import LearnerResult, read_result

__all__ = ["BIN_COUNT", "MissedQuestion", "Refusal", "Room", "TopicAverage", "gather"]

#: Bars of the distribution of total scores (each a tenth of the maximum).
BIN_COUNT = 10


@dataclass(frozen=True)
class Refusal:
    """A file left out of the report, and why (the message names the file)."""

    path: Path
    message: str


@dataclass(frozen=True)
class TopicAverage:
    """The room's average on one topic: points earned over points available, every learner."""

    chapter: str
    points: float
    out_of: int
    learners: int

    @property
    def fraction(self) -> float:
        """The average share of the topic's points, 0 to 1."""
        return self.points / self.out_of

    @property
    def title(self) -> str:
        """The topic's name (its chapter title) in the current language."""
        return chapter_title(self.chapter)


@dataclass(frozen=True)
class MissedQuestion:
    """A question the room missed: its average score and the misconception most often behind it."""

    question_id: str
    prompt: str
    average: float
    wrong: int
    learners: int
    misconception: str | None
    misconception_count: int


@dataclass(frozen=True)
class Room:
    """The aggregate of a room's result files (all drawn with one seed, one course version)."""

    learners: tuple[LearnerResult, ...]
    refused: tuple[Refusal, ...] = ()
    notes: tuple[str, ...] = ()
    seed: int = 0
    course_version: str = ""
    out_of: int = 0
    topics: tuple[TopicAverage, ...] = field(default_factory=tuple)

    @property
    def totals(self) -> list[float]:
        """Each learner's total points, in the order the files were given."""
        return [r.report.score for r in self.learners]

    @property
    def average(self) -> float:
        """The room's average total, in points."""
        return sum(self.totals) / len(self.totals)

    def distribution(self, bins: int = BIN_COUNT) -> list[tuple[float, float, int]]:
        """``(low, high, learners)`` for equal bins of the total; the top bin includes the maximum.

        >>> room = Room(learners=(), out_of=20)
        >>> room.distribution(4)
        [(0.0, 5.0, 0), (5.0, 10.0, 0), (10.0, 15.0, 0), (15.0, 20.0, 0)]
        """
        width = self.out_of / bins
        counts = [0] * bins
        for total in self.totals:
            counts[min(int(total / width + 1e-9), bins - 1)] += 1
        return [(i * width, (i + 1) * width, counts[i]) for i in range(bins)]

    def most_missed(self, limit: int = 5) -> list[MissedQuestion]:
        """The ``limit`` questions with the lowest average score (ties: in the order asked).

        Questions everyone answered fully right are never listed.
        """
        out = []
        for position, question in enumerate(self.learners[0].questions if self.learners else ()):
            results = [r.report.results[position] for r in self.learners]
            wrong = [r for r in results if not r.correct]
            if not wrong:
                continue
            # Counted once per learner: a classification can name one misconception twice.
            names = Counter(
                name
                for r in wrong
                for name in {f.misconception for f in r.feedback if not f.ok and f.misconception}
            )
            name, count = names.most_common(1)[0] if names else (None, 0)
            out.append(
                MissedQuestion(
                    question_id=question.id,
                    prompt=question.text(),
                    average=sum(r.score for r in results) / len(results),
                    wrong=len(wrong),
                    learners=len(results),
                    misconception=name,
                    misconception_count=count,
                )
            )
        out.sort(key=lambda m: m.average)  # stable: ties keep the order asked
        return out[:limit]


def _key(result: LearnerResult) -> tuple[int, int, str]:
    return (result.seed, len(result.questions), result.course_version)


def gather(paths: Sequence[str | Path]) -> Room:
    """Read every result file and aggregate those that belong together.

    The room's draw is the one most files share (seed, number of questions, course version;
    on a tie, the first file's). Files of another draw, unreadable or malformed files are
    refused with a message naming the file; the same learner handing in the same answers twice
    is counted once, with a note.

    Args:
        paths: the result files, as the trainer collected them.

    Raises:
        ValueError: no files given, or not one file could be used (the messages of each).
    """
    if not paths:
        raise ValueError(t("room.error.no_files"))
    read: list[LearnerResult] = []
    refused: list[Refusal] = []
    for path in paths:
        try:
            read.append(read_result(path))
        except ValueError as error:
            refused.append(Refusal(Path(path), str(error)))
    if not read:
        raise ValueError(
            t("room.error.none_usable", messages="\n".join(r.message for r in refused))
        )
    counts = Counter(_key(r) for r in read)
    best = max(counts.values())
    room_key = next(_key(r) for r in read if counts[_key(r)] == best)
    seed, n, version = room_key
    kept: list[LearnerResult] = []
    notes: list[str] = []
    seen: dict[tuple[object, ...], Path] = {}
    for result in read:
        if _key(result) != room_key:
            if result.course_version != version:
                reason = t(
                    "room.error.other_version",
                    file=result.path,
                    found=result.course_version,
                    expected=version,
                )
            else:
                reason = t(
                    "room.error.other_seed",
                    file=result.path,
                    found_seed=result.seed,
                    found_n=len(result.questions),
                    seed=seed,
                    n=n,
                )
            refused.append(Refusal(result.path, reason))
            continue
        identity = (result.name, tuple(sorted((k, repr(v)) for k, v in result.answers.items())))
        if identity in seen:
            notes.append(t("room.note.duplicate", file=result.path, first=seen[identity]))
            continue
        seen[identity] = result.path
        if result.edited:
            notes.append(t("room.note.edited", file=result.path))
        kept.append(result)
    return Room(
        learners=tuple(kept),
        refused=tuple(refused),
        notes=tuple(notes),
        seed=seed,
        course_version=version,
        out_of=n,
        topics=_topics(kept),
    )


def _topics(learners: Sequence[LearnerResult]) -> tuple[TopicAverage, ...]:
    """Per topic, the points every learner earned added up, over the points available."""
    first = learners[0].report.by_topic
    return tuple(
        TopicAverage(
            chapter=chapter,
            points=sum(r.report.by_topic[chapter].score for r in learners),
            out_of=score.out_of * len(learners),
            learners=len(learners),
        )
        for chapter, score in first.items()
    )
