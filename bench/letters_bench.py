"""Letter helper benchmark: field-level precision and recall over the synthetic corpus, and the
median time to read one one-page photo (goal: under 5 s on the project machine).

    KOTOPOLKU_ENV=test .venv/bin/python bench/letters_bench.py [--only photo-clean]

Precision: of the values the helper gave, how many were right. Recall: of the expected values, how
many it found right. Results go to docs/letters.md by hand.
"""

# ruff: noqa: T201

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotopolku.settings")
os.environ.setdefault("KOTOPOLKU_ENV", "test")

import datetime

import django

django.setup()

from kotopolku.letters import corpus, extraction, reading  # noqa: E402

TODAY = datetime.date(2026, 11, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="only variants whose name contains this")
    args = parser.parse_args()
    given: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    expected_count: dict[str, int] = defaultdict(int)
    photo_seconds: list[float] = []
    per_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in corpus.build():
        if args.only not in item.variant:
            continue
        started = time.monotonic()
        try:
            text = reading.read_upload(item.data, timeout=120).text
        except reading.ReadingError as error:
            print(f"{item.letter.name:28} {item.variant:18} ERROR {error.code}")
            text = ""
        seconds = time.monotonic() - started
        if item.variant.startswith("photo"):
            photo_seconds.append(seconds)
        actual = corpus.actual_fields(
            extraction.analyze(text, organization_names=["Heinola"], today=TODAY).to_json()
        )
        wrong = []
        for field in corpus.FIELDS:
            want = item.letter.expected.get(field)
            got = actual.get(field)
            if field == "document_type" and got == "other":
                got = None
            if want is not None:
                expected_count[field] += 1
            if got is not None:
                given[field] += 1
                if got == want:
                    right[field] += 1
            if want is not None and got != want:
                wrong.append(field)
        per_variant[item.variant][0] += len(item.letter.expected) - len(wrong)
        per_variant[item.variant][1] += len(item.letter.expected)
        missed = ", ".join(wrong) or "-"
        print(f"{item.letter.name:28} {item.variant:18} {seconds:5.1f} s  missed/wrong: {missed}")
    print()
    print(f"{'field':20} {'precision':>10} {'recall':>8}")
    for field in corpus.FIELDS:
        precision = right[field] / given[field] if given[field] else 1.0
        recall = right[field] / expected_count[field] if expected_count[field] else 1.0
        print(f"{field:20} {precision:10.2f} {recall:8.2f}")
    total_right, total_given, total_expected = (
        sum(right.values()),
        sum(given.values()),
        sum(expected_count.values()),
    )
    precision, recall = total_right / max(total_given, 1), total_right / max(total_expected, 1)
    print(f"{'all fields':20} {precision:10.2f} {recall:8.2f}")
    print()
    for variant, (ok, total) in sorted(per_variant.items()):
        print(f"{variant:18} {ok}/{total} expected facts right")
    if photo_seconds:
        print(
            f"\nmedian time per one-page photo: {statistics.median(photo_seconds):.1f} s "
            f"(min {min(photo_seconds):.1f}, max {max(photo_seconds):.1f}, n={len(photo_seconds)})"
        )


if __name__ == "__main__":
    main()
