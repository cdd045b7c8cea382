"""The benchmark suite: immunomod side by side with the pydantic floor and pycountry.

    python benchmarks/run.py [--sizes 300 3000] [--out benchmarks/results.json]

Prints a table and writes JSON. Each cold figure is the median of paired fresh processes,
given as a ratio to ``from pydantic import BaseModel`` measured in the same pairs, by wall
time and by CPU time (the latter is less disturbed by other work on the machine); the
package's bytecode is compiled first, as pip does at install. Warm figures are the best mean
over repeated calls. Sizes beyond the packaged data are synthetic copies
(benchmarks/synthetic.py), compiled by the build step and opened like the packaged bundle;
``immunomod.load`` (full validation of a user's folder) is timed at each size too. The floor
of the design (the model classes alone, then with what reading a bundle needs) is measured
in the same run. Nothing here asserts: the figures are for reading.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import importlib.metadata
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from typing import Any

import pydantic

import immunomod
from immunomod.building import compile_folder
from immunomod.bundle import open_bundle, packaged_bundle
from immunomod.collection import DrugCollection

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from synthetic import synthetic_folder

PAIRS = 21
FLOOR = "from pydantic import BaseModel"
PYCOUNTRY_COLD = "import pycountry; pycountry.countries.get(alpha_2='DE')"
MEMORY = (
    # VmHWM is this address space's peak; ru_maxrss would carry the parent's over exec.
    "import sys; print([l.split()[1] for l in open('/proc/self/status') "
    "if l.startswith('VmHWM')][0], file=sys.stderr)"
)


def fresh(code: str) -> tuple[float, float, int]:
    """Wall and CPU time of a fresh interpreter running ``code``, and its peak memory in KiB.

    CPU time (user + system, from the child's resource usage) is less disturbed by other
    work on the machine than wall time; both are reported.
    """
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", f"{code}\n{MEMORY}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    stderr = child.stderr.read()
    child.stderr.close()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own resource usage
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"benchmark process failed: {stderr}")
    return wall, usage.ru_utime + usage.ru_stime, int(stderr.strip().splitlines()[-1])


def cold_ratio(code: str) -> dict[str, float]:
    """Median times and ratios to the floor over paired fresh processes, and peak memory."""
    walls, cpus, wall_ratios, cpu_ratios, memory = [], [], [], [], []
    for _ in range(PAIRS):
        floor_wall, floor_cpu, _ = fresh(FLOOR)
        wall, cpu, peak = fresh(code)
        walls.append(wall)
        cpus.append(cpu)
        wall_ratios.append(wall / floor_wall)
        cpu_ratios.append(cpu / floor_cpu)
        memory.append(peak)
    return {
        "ms": statistics.median(walls) * 1e3,
        "ratio": statistics.median(wall_ratios),
        "cpu_ms": statistics.median(cpus) * 1e3,
        "cpu_ratio": statistics.median(cpu_ratios),
        "peak_mib": statistics.median(memory) / 1024,
    }


def per_call_us(call: Callable[[], object], number: int) -> float:
    """Best mean time of one call, in microseconds."""
    return min(timeit.repeat(call, number=number, repeat=5)) / number * 1e6


def bundle_code(folder: pathlib.Path | None, then: str) -> str:
    """A program that opens a bundle (the packaged one if None) and runs ``then``."""
    if folder is None:
        return f"from immunomod import drugs\n{then}"
    return (
        "import pathlib\nfrom immunomod.bundle import open_bundle\n"
        "from immunomod.collection import DrugCollection\n"
        f"catalog = open_bundle(pathlib.Path({str(folder)!r}))\n"
        "drugs = DrugCollection(lambda: catalog)\n"
        f"{then}"
    )


def measure_size(
    label: str, bundle: pathlib.Path | None, source: pathlib.Path | None
) -> dict[str, Any]:
    """Every figure for one dataset."""
    catalog = open_bundle(packaged_bundle() if bundle is None else bundle)
    drugs = DrugCollection(lambda: catalog)
    drugs.get("azathioprine")
    drugs.search("warm up")
    drugs.filter(route="oral")
    row: dict[str, Any] = {"label": label, "drugs": len(drugs)}
    row["cold_first_answer"] = cold_ratio(bundle_code(bundle, "drugs.get('azathioprine')"))
    if bundle is None:
        row["import_alone"] = cold_ratio("import immunomod")
    row["everything_loaded_peak_mib"] = cold_ratio(
        bundle_code(bundle, "drugs.all(); drugs.filter(route='oral'); drugs.search('x')")
    )["peak_mib"]
    row["get_by_id_us"] = per_call_us(lambda: drugs["azathioprine"], 20_000)
    row["get_by_brand_us"] = per_call_us(lambda: drugs["Imuran"], 20_000)
    row["get_by_folded_name_us"] = per_call_us(lambda: drugs["AZATHIOPRINE "], 20_000)
    row["search_typo_us"] = per_call_us(lambda: drugs.search("azathiprine"), 300)
    row["search_swap_us"] = per_call_us(lambda: drugs.search("Humria"), 300)
    row["filter_1_us"] = per_call_us(lambda: drugs.filter(route="SC"), 2_000)
    row["filter_3_us"] = per_call_us(
        lambda: drugs.filter(drug_class="biologic", route="SC", direction="suppress"), 2_000
    )
    row["filter_3_results"] = len(
        drugs.filter(drug_class="biologic", route="SC", direction="suppress")
    )
    if source is not None:
        started = time.perf_counter()
        immunomod.load(source)
        row["load_full_validation_ms"] = (time.perf_counter() - started) * 1e3
    return row


def measure_design_floor(tmp: pathlib.Path) -> dict[str, Any]:
    """What this design cannot go below: immunomod's model classes, importlib-resources, json.

    A copy of ``models.py`` and ``vocabularies.py`` as a package of their own, so nothing
    else of immunomod is imported, first alone, then with what reading a bundle needs.
    """
    package = tmp / "floorprobe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    source = pathlib.Path(immunomod.__file__).parent
    (package / "vocabularies.py").write_text((source / "vocabularies.py").read_text("utf-8"))
    models = (source / "models.py").read_text("utf-8")
    (package / "models.py").write_text(
        models.replace("immunomod.vocabularies", "floorprobe.vocabularies")
    )
    compileall.compile_dir(package, quiet=1)
    prefix = f"import sys; sys.path.insert(0, {str(tmp)!r})\n"
    return {
        "models": cold_ratio(prefix + "import floorprobe.models"),
        "models_and_reading": cold_ratio(
            prefix + "import floorprobe.models, hashlib, json, importlib_resources\n"
            "importlib_resources.files('floorprobe').joinpath('models.py').read_bytes()"
        ),
    }


def measure_pycountry() -> dict[str, Any]:
    """pycountry's figures on this machine, in this run."""
    try:
        import pycountry
    except ImportError:
        return {"installed": False}
    pycountry.countries.get(alpha_2="DE")
    return {
        "installed": True,
        "version": importlib.metadata.version("pycountry"),
        "cold_first_answer": cold_ratio(PYCOUNTRY_COLD),
        "get_us": per_call_us(lambda: pycountry.countries.get(alpha_2="DE"), 20_000),
        "search_fuzzy_us": per_call_us(lambda: pycountry.countries.search_fuzzy("germany"), 20),
    }


def environment() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "date": datetime.date.today().isoformat(),
        "machine": f"{platform.machine()}, python {platform.python_version()}",
        "pydantic": pydantic.VERSION,
        "immunomod": immunomod.__version__,
        "installed_packages": sum(1 for _ in importlib.metadata.distributions()),
    }


def table(result: dict[str, Any]) -> str:
    """The Markdown table of a result."""
    rows = result["sizes"]
    pc = result["pycountry"]
    lines = [
        "| figure | " + " | ".join(f"{r['label']} ({r['drugs']} drugs)" for r in rows) + " |",
        "| --- | " + " | ".join("---" for _ in rows) + " |",
    ]

    def add(name: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in rows) + " |")

    add(
        "cold first answer / pydantic floor, wall (CPU)",
        lambda r: (
            f"{r['cold_first_answer']['ratio']:.2f}x ({r['cold_first_answer']['cpu_ratio']:.2f}x)"
        ),
    )
    add("cold first answer, ms", lambda r: f"{r['cold_first_answer']['ms']:.0f}")
    add(
        "`import immunomod` alone / floor, wall (CPU)",
        lambda r: (
            f"{r['import_alone']['ratio']:.2f}x ({r['import_alone']['cpu_ratio']:.2f}x), "
            f"{r['import_alone']['ms']:.0f} ms"
            if "import_alone" in r
            else "-"
        ),
    )
    add("peak memory, first answer (MiB)", lambda r: f"{r['cold_first_answer']['peak_mib']:.0f}")
    add("peak memory, everything loaded (MiB)", lambda r: f"{r['everything_loaded_peak_mib']:.0f}")
    add(
        "get by id / brand / folded name (µs)",
        lambda r: " / ".join(
            f"{r[key]:.1f}" for key in ("get_by_id_us", "get_by_brand_us", "get_by_folded_name_us")
        ),
    )
    add(
        "search, typo / swapped letters (µs)",
        lambda r: f"{r['search_typo_us']:.0f} / {r['search_swap_us']:.0f}",
    )
    add(
        "filter, 1 / 3 criteria (µs)",
        lambda r: (
            f"{r['filter_1_us']:.1f} / {r['filter_3_us']:.1f} ({r['filter_3_results']} results)"
        ),
    )
    add(
        "immunomod.load, full validation (ms)",
        lambda r: f"{r['load_full_validation_ms']:.0f}" if "load_full_validation_ms" in r else "-",
    )
    floor = result.get("design_floor")
    if floor:
        lines.append(
            "\nThe floor of this design in the same run: immunomod's model classes alone "
            f"{floor['models']['ratio']:.2f}x ({floor['models']['cpu_ratio']:.2f}x CPU); with "
            "importlib-resources, json and hashlib, as reading a bundle needs, "
            f"{floor['models_and_reading']['ratio']:.2f}x "
            f"({floor['models_and_reading']['cpu_ratio']:.2f}x CPU)."
        )
    if pc.get("installed"):
        lines.append(
            f"\npycountry {pc['version']} in the same run: cold first answer "
            f"{pc['cold_first_answer']['ratio']:.2f}x the floor "
            f"({pc['cold_first_answer']['ms']:.0f} ms), "
            f"`countries.get` {pc['get_us']:.1f} µs, `search_fuzzy` {pc['search_fuzzy_us']:.0f} µs."
        )
    env = result["environment"]
    lines.append(
        f"\nMeasured {env['date']} on {env['machine']}; pydantic {env['pydantic']}, "
        f"immunomod {env['immunomod']}, {env['installed_packages']} installed packages."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print the table and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 3000])
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("benchmarks/results.json"))
    args = parser.parse_args(argv)
    # As pip does at install: without bytecode every cold process would compile the sources
    # (an editable install under PYTHONDONTWRITEBYTECODE=1 never keeps any).
    compileall.compile_dir(pathlib.Path(immunomod.__file__).parent, quiet=1)
    result: dict[str, Any] = {"environment": environment(), "sizes": []}
    result["sizes"].append(measure_size("packaged", None, None))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            source = synthetic_folder(pathlib.Path(tmp) / f"data-{size}", size)
            bundle = pathlib.Path(tmp) / f"bundle-{size}"
            bundle.mkdir()
            for name, data in compile_folder(source).items():
                (bundle / name).write_bytes(data)
            result["sizes"].append(measure_size(f"synthetic {size}", bundle, source))
        result["design_floor"] = measure_design_floor(pathlib.Path(tmp))
    result["pycountry"] = measure_pycountry()
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
