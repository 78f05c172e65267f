"""XR006, XR007: a record far outside its peers: its sample size, or how late it was registered."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator

from irct_lint.across import CrossProblem, Entry, Key
from irct_lint.model import Record, Value
from irct_lint.registry import across_records

from ..dates.common import as_date

MIN_PEERS = 30  # fewer, and a distribution says too little
MAD_SCALE = 0.6745  # makes the median absolute deviation comparable to a standard deviation
MIN_FOLD = 1.0  # log10: a size reported is also at least ten times the median, or a tenth of it


def _robust_z(values: list[float]) -> tuple[float, float] | None:
    """(median, scaled median absolute deviation) of the values, or None when they do not
    spread (over half of them alike)."""
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    if mad == 0:
        return None
    return median, mad / MAD_SCALE


@across_records("XR006", "sample-size-outlier", category="plausibility", severity="info", options={"threshold": 5.0})
class SampleSizeOutlier:
    """The target sample size is far outside what trials of the same phase and design plan.

    What it checks: the target sample sizes of the records of a run, grouped by study type,
    phase and randomization; in a group of at least 30, a size whose robust z-score (on the
    logarithm of the size, from the median and the median absolute deviation) exceeds the
    threshold and that is at least ten times the median or a tenth of it. Sizes spread over
    orders of magnitude, hence the logarithm.
    Options: threshold: the robust z-score beyond which a size is reported (default 5.0).
    Why it matters: a sample size a hundred times its peers' may be a typing slip (a zero
    too many, a total of screened people), and it skews every summary of the registry; but
    a prevention trial or a community study can plan so many (both seen on real records),
    so this is advice to look, not a defect.
    Failing example:
        TrialID,Public title,Phase,Target size
        IRCT20200101000001N1,Fictional trial,Phase 3,60
        IRCT20200101000002N1,Fictional trial,Phase 3,64
        IRCT20200101000003N1,Fictional trial,Phase 3,70
        IRCT20200101000004N1,Fictional trial,Phase 3,80
        IRCT20200101000005N1,Fictional trial,Phase 3,40
        IRCT20200101000006N1,Fictional trial,Phase 3,50
        IRCT20200101000007N1,Fictional trial,Phase 3,90
        IRCT20200101000008N1,Fictional trial,Phase 3,100
        IRCT20200101000009N1,Fictional trial,Phase 3,60
        IRCT20200101000010N1,Fictional trial,Phase 3,66
        IRCT20200101000011N1,Fictional trial,Phase 3,72
        IRCT20200101000012N1,Fictional trial,Phase 3,84
        IRCT20200101000013N1,Fictional trial,Phase 3,44
        IRCT20200101000014N1,Fictional trial,Phase 3,54
        IRCT20200101000015N1,Fictional trial,Phase 3,96
        IRCT20200101000016N1,Fictional trial,Phase 3,110
        IRCT20200101000017N1,Fictional trial,Phase 3,62
        IRCT20200101000018N1,Fictional trial,Phase 3,68
        IRCT20200101000019N1,Fictional trial,Phase 3,76
        IRCT20200101000020N1,Fictional trial,Phase 3,88
        IRCT20200101000021N1,Fictional trial,Phase 3,42
        IRCT20200101000022N1,Fictional trial,Phase 3,52
        IRCT20200101000023N1,Fictional trial,Phase 3,94
        IRCT20200101000024N1,Fictional trial,Phase 3,120
        IRCT20200101000025N1,Fictional trial,Phase 3,58
        IRCT20200101000026N1,Fictional trial,Phase 3,70
        IRCT20200101000027N1,Fictional trial,Phase 3,78
        IRCT20200101000028N1,Fictional trial,Phase 3,86
        IRCT20200101000029N1,Fictional trial,Phase 3,46
        IRCT20200101000030N1,Fictional trial,Phase 3,60000
    Passing example:
        TrialID,Public title,Phase,Target size
        IRCT20200101000001N1,Fictional trial,Phase 3,60
        IRCT20200101000002N1,Fictional trial,Phase 3,64
        IRCT20200101000003N1,Fictional trial,Phase 3,70
        IRCT20200101000004N1,Fictional trial,Phase 3,80
        IRCT20200101000005N1,Fictional trial,Phase 3,40
        IRCT20200101000006N1,Fictional trial,Phase 3,50
        IRCT20200101000007N1,Fictional trial,Phase 3,90
        IRCT20200101000008N1,Fictional trial,Phase 3,100
        IRCT20200101000009N1,Fictional trial,Phase 3,60
        IRCT20200101000010N1,Fictional trial,Phase 3,66
        IRCT20200101000011N1,Fictional trial,Phase 3,72
        IRCT20200101000012N1,Fictional trial,Phase 3,84
        IRCT20200101000013N1,Fictional trial,Phase 3,44
        IRCT20200101000014N1,Fictional trial,Phase 3,54
        IRCT20200101000015N1,Fictional trial,Phase 3,96
        IRCT20200101000016N1,Fictional trial,Phase 3,110
        IRCT20200101000017N1,Fictional trial,Phase 3,62
        IRCT20200101000018N1,Fictional trial,Phase 3,68
        IRCT20200101000019N1,Fictional trial,Phase 3,76
        IRCT20200101000020N1,Fictional trial,Phase 3,88
        IRCT20200101000021N1,Fictional trial,Phase 3,42
        IRCT20200101000022N1,Fictional trial,Phase 3,52
        IRCT20200101000023N1,Fictional trial,Phase 3,94
        IRCT20200101000024N1,Fictional trial,Phase 3,120
        IRCT20200101000025N1,Fictional trial,Phase 3,58
        IRCT20200101000026N1,Fictional trial,Phase 3,70
        IRCT20200101000027N1,Fictional trial,Phase 3,78
        IRCT20200101000028N1,Fictional trial,Phase 3,86
        IRCT20200101000029N1,Fictional trial,Phase 3,46
        IRCT20200101000030N1,Fictional trial,Phase 3,600
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        node = record.node("design.target_sample_size")
        if not isinstance(node, Value) or not isinstance(node.value, int) or node.value <= 0:
            return
        group = "|".join(
            str(record.get(path) or "").casefold()
            for path in ("design.study_type", "design.phase", "design.randomization")
        )
        yield Key(f"size:{group}", "design.target_sample_size", node, (node.value,))

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < MIN_PEERS:
            return
        logs = [math.log10(e.data[0]) for e in entries]
        spread = _robust_z(logs)
        if spread is None:
            return
        median, scale = spread
        threshold = float(options.get("threshold", 5.0))
        for entry, value in zip(entries, logs):
            z = (value - median) / scale
            if abs(z) > threshold and abs(value - median) >= MIN_FOLD:
                yield CrossProblem(
                    entry,
                    f"target sample size {entry.data[0]} is far outside the {len(entries)} trials of the same "
                    f"phase and design (median {10**median:.0f}; robust z {z:+.1f})",
                )


@across_records("XR007", "late-registration-outlier", category="plausibility", severity="info")
class LateRegistration:
    """The trial was registered far later after its start than the other trials of its year.

    What it checks: the days from the start of recruitment to registration, among the
    records of a run registered in the same year; in a year of at least 30 such records, a
    delay of over a year whose robust z-score (on the logarithm of the days) exceeds 3.5.
    Why it matters: a registration years after the start is retrospective in all but name;
    and an outlier among its year's trials is as often a wrong start date (a year typed
    wrong) as a late registration.
    Failing example:
        TrialID,Public title,Date registration,Date enrollement
        IRCT20200101000001N1,Fictional trial,10/03/2020,2020-03-01
        IRCT20200101000002N1,Fictional trial,10/03/2020,2020-02-20
        IRCT20200101000003N1,Fictional trial,10/03/2020,2020-02-10
        IRCT20200101000004N1,Fictional trial,10/03/2020,2020-01-31
        IRCT20200101000005N1,Fictional trial,10/03/2020,2020-03-05
        IRCT20200101000006N1,Fictional trial,10/03/2020,2020-02-25
        IRCT20200101000007N1,Fictional trial,10/03/2020,2020-02-15
        IRCT20200101000008N1,Fictional trial,10/03/2020,2020-02-05
        IRCT20200101000009N1,Fictional trial,10/03/2020,2020-03-03
        IRCT20200101000010N1,Fictional trial,10/03/2020,2020-02-23
        IRCT20200101000011N1,Fictional trial,10/03/2020,2020-02-13
        IRCT20200101000012N1,Fictional trial,10/03/2020,2020-02-03
        IRCT20200101000013N1,Fictional trial,10/03/2020,2020-03-07
        IRCT20200101000014N1,Fictional trial,10/03/2020,2020-02-27
        IRCT20200101000015N1,Fictional trial,10/03/2020,2020-02-17
        IRCT20200101000016N1,Fictional trial,10/03/2020,2020-02-07
        IRCT20200101000017N1,Fictional trial,10/03/2020,2020-03-02
        IRCT20200101000018N1,Fictional trial,10/03/2020,2020-02-22
        IRCT20200101000019N1,Fictional trial,10/03/2020,2020-02-12
        IRCT20200101000020N1,Fictional trial,10/03/2020,2020-02-02
        IRCT20200101000021N1,Fictional trial,10/03/2020,2020-03-06
        IRCT20200101000022N1,Fictional trial,10/03/2020,2020-02-26
        IRCT20200101000023N1,Fictional trial,10/03/2020,2020-02-16
        IRCT20200101000024N1,Fictional trial,10/03/2020,2020-02-06
        IRCT20200101000025N1,Fictional trial,10/03/2020,2020-03-04
        IRCT20200101000026N1,Fictional trial,10/03/2020,2020-02-24
        IRCT20200101000027N1,Fictional trial,10/03/2020,2020-02-14
        IRCT20200101000028N1,Fictional trial,10/03/2020,2020-02-04
        IRCT20200101000029N1,Fictional trial,10/03/2020,2020-03-08
        IRCT20200101000030N1,Fictional trial,10/03/2020,2012-02-28
    Passing example:
        TrialID,Public title,Date registration,Date enrollement
        IRCT20200101000001N1,Fictional trial,10/03/2020,2020-03-01
        IRCT20200101000002N1,Fictional trial,10/03/2020,2020-02-20
        IRCT20200101000003N1,Fictional trial,10/03/2020,2020-02-10
        IRCT20200101000004N1,Fictional trial,10/03/2020,2020-01-31
        IRCT20200101000005N1,Fictional trial,10/03/2020,2020-03-05
        IRCT20200101000006N1,Fictional trial,10/03/2020,2020-02-25
        IRCT20200101000007N1,Fictional trial,10/03/2020,2020-02-15
        IRCT20200101000008N1,Fictional trial,10/03/2020,2020-02-05
        IRCT20200101000009N1,Fictional trial,10/03/2020,2020-03-03
        IRCT20200101000010N1,Fictional trial,10/03/2020,2020-02-23
        IRCT20200101000011N1,Fictional trial,10/03/2020,2020-02-13
        IRCT20200101000012N1,Fictional trial,10/03/2020,2020-02-03
        IRCT20200101000013N1,Fictional trial,10/03/2020,2020-03-07
        IRCT20200101000014N1,Fictional trial,10/03/2020,2020-02-27
        IRCT20200101000015N1,Fictional trial,10/03/2020,2020-02-17
        IRCT20200101000016N1,Fictional trial,10/03/2020,2020-02-07
        IRCT20200101000017N1,Fictional trial,10/03/2020,2020-03-02
        IRCT20200101000018N1,Fictional trial,10/03/2020,2020-02-22
        IRCT20200101000019N1,Fictional trial,10/03/2020,2020-02-12
        IRCT20200101000020N1,Fictional trial,10/03/2020,2020-02-02
        IRCT20200101000021N1,Fictional trial,10/03/2020,2020-03-06
        IRCT20200101000022N1,Fictional trial,10/03/2020,2020-02-26
        IRCT20200101000023N1,Fictional trial,10/03/2020,2020-02-16
        IRCT20200101000024N1,Fictional trial,10/03/2020,2020-02-06
        IRCT20200101000025N1,Fictional trial,10/03/2020,2020-03-04
        IRCT20200101000026N1,Fictional trial,10/03/2020,2020-02-24
        IRCT20200101000027N1,Fictional trial,10/03/2020,2020-02-14
        IRCT20200101000028N1,Fictional trial,10/03/2020,2020-02-04
        IRCT20200101000029N1,Fictional trial,10/03/2020,2020-03-08
        IRCT20200101000030N1,Fictional trial,10/03/2020,2020-02-28
    """

    THRESHOLD = 3.5
    MIN_DAYS = 365

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        registered = as_date(record.get("registration.date"))
        start_path = next(
            (
                p
                for p in ("recruitment.actual_start", "recruitment.start", "recruitment.expected_start")
                if record.get(p)
            ),
            None,
        )
        started = as_date(record.get(start_path)) if start_path else None
        if registered is None or started is None or registered <= started:
            return
        node = record.node("registration.date")
        yield Key(f"year:{registered.year}", "registration.date", node, ((registered - started).days,))

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < MIN_PEERS:
            return
        logs = [math.log10(e.data[0] + 1) for e in entries]
        spread = _robust_z(logs)
        if spread is None:
            return
        median, scale = spread
        for entry, value in zip(entries, logs):
            z = (value - median) / scale
            if z > self.THRESHOLD and entry.data[0] > self.MIN_DAYS:
                yield CrossProblem(
                    entry,
                    f"registered {entry.data[0]} days after its start, far later than the {len(entries)} trials "
                    f"registered in {key[5:]} with a start date (median {10**median - 1:.0f} days)",
                )
