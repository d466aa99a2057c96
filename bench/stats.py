"""Figures the benchmarks share."""


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` (0–1) of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
