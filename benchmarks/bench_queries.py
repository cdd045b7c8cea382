"""Benchmark: import, first load, look-ups, search and filter; prints figures, asserts nothing.

Run: python benchmarks/bench_queries.py
It measures the packaged dataset and a synthetic one scaled to 300 drugs (copies of the real
records under new ids and names), to show how the design carries a larger dataset.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable

import immunomod
from immunomod import DrugCollection
from immunomod.bundle import open_bundle, packaged_bundle
from immunomod.catalog import Catalog
from immunomod.loading import load_catalog

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from synthetic import synthetic_folder

DATA = pathlib.Path(immunomod.__file__).parent / "data"


def per_call(label: str, call: Callable[[], object], number: int = 2000) -> None:
    """Print the best mean time per call over five runs of ``number`` calls."""
    best = min(timeit.repeat(call, number=number, repeat=5)) / number
    print(f"  {label:<48} {best * 1e6:9.1f} µs")


def measure(title: str, catalog_source: Callable[[], Catalog]) -> None:
    """Print the query timings for one catalog."""
    drugs = DrugCollection(catalog_source)
    print(f"{title}: {len(drugs)} drugs")
    per_call('drugs["azathioprine"] (by id)', lambda: drugs["azathioprine"], 20000)
    per_call('drugs["Imuran"] (by brand, normalised)', lambda: drugs["Imuran"], 20000)
    per_call('drugs.get("nope")', lambda: drugs.get("nope"), 20000)
    per_call('drugs.search("azathioprin")  (prefix)', lambda: drugs.search("azathioprin"), 200)
    per_call('drugs.search("azathiprine")  (typo)', lambda: drugs.search("azathiprine"), 200)
    per_call('drugs.search("xqzw")  (no match)', lambda: drugs.search("xqzw"), 200)
    per_call(
        'drugs.filter(drug_class="biologic", route=...)',
        lambda: drugs.filter(drug_class="biologic", route="subcutaneous"),
        2000,
    )
    per_call(
        "drugs.filter(3 criteria: class, route, direction)",
        lambda: drugs.filter(drug_class="biologic", route="SC", direction="suppress"),
        2000,
    )
    per_call('drugs.search("Humria")  (swapped letters)', lambda: drugs.search("Humria"), 200)
    per_call(
        'drugs.filter(adverse_effect="nausea", min_frequency=...)',
        lambda: drugs.filter(adverse_effect="nausea", min_frequency="common"),
        2000,
    )


def _run(code: str) -> float:
    """Wall time of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Run every measurement and print the figures."""
    code = "import time; t=time.perf_counter(); import immunomod; print(time.perf_counter()-t)"
    imports = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(5)]
    print(f"import immunomod (fresh process, best of 5): {min(imports) * 1e3:.1f} ms")
    cold = "from immunomod import drugs; drugs.get('azathioprine')"
    floor = "from pydantic import BaseModel"
    ratios = []
    for _ in range(9):
        ratios.append(_run(cold) / _run(floor))
    print(f"cold first answer / pydantic floor (median of 9 paired runs): {sorted(ratios)[4]:.2f}x")
    opens = timeit.repeat(lambda: open_bundle(packaged_bundle()), number=1, repeat=5)
    print(f"open the packaged bundle (index only, best of 5): {min(opens) * 1e3:.1f} ms")
    loads = timeit.repeat(load_catalog, number=1, repeat=5)
    print(f"full validation of the source data folder (best of 5): {min(loads) * 1e3:.1f} ms")
    catalog = open_bundle(packaged_bundle())
    measure("packaged dataset (bundle)", lambda: catalog)
    with tempfile.TemporaryDirectory() as tmp:
        root = synthetic_folder(pathlib.Path(tmp) / "data", 300)
        big_loads = timeit.repeat(lambda: load_catalog(root), number=1, repeat=3)
        print(
            f"load + validate + index 300-drug dataset (best of 3): {min(big_loads) * 1e3:.1f} ms"
        )
        big = load_catalog(root)
        measure("synthetic dataset", lambda: big)


if __name__ == "__main__":
    main()
