"""The ``diplograph`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app.ingest import IngestSummary
from app.settings import Settings, get_settings
from app.sources import SourceItem, check_inputs
from domain.errors import DiplographError, GraphUnavailable

if TYPE_CHECKING:
    from graph.connection import GraphTarget, SyncDriver

log = logging.getLogger("diplograph")

Command = Callable[[argparse.Namespace, Settings], int]


def _exit_on_sigterm(signum: int, _frame: FrameType | None) -> None:
    # Turn SIGTERM into a normal exit so `finally` blocks stop the local graph server.
    raise SystemExit(128 + signum)


def _iso_day(value: str) -> dt.date:
    """An argparse type: a calendar day written YYYY-MM-DD."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # 2024-02-30: reported below like any other bad value
    raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD")


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun that goes with it: "1 meeting", "2 meetings", "0 people"."""
    return f"{count} {one if count == 1 else many or one + 's'}"


# Where the embedded graph lived before the per-user default: in ./data/graph of
# whichever directory a command was started in.
_FORMER_DEFAULT = Path("data", "graph")


def announce_graph(settings: Settings) -> None:
    """Say on stderr, before it is started or reached, which graph this process uses."""
    if settings.neo4j_uri:
        database = settings.neo4j_database or "neo4j"
        _say(f"graph: Neo4j at {settings.neo4j_uri}, database {database} (NEO4J_URI)")
        return
    origin = (
        "the per-user default; DIPLOGRAPH_DATA_DIR chooses another"
        if settings.data_dir_is_default
        else "from DIPLOGRAPH_DATA_DIR"
    )
    _say(f"graph: the embedded local server, data in {settings.graph_dir} ({origin})")
    former = _FORMER_DEFAULT.absolute()
    if settings.data_dir_is_default and former.is_dir() and former != settings.graph_dir:
        _say(
            f"note: {former} holds a graph from before the per-user default and is not "
            f"used; run with DIPLOGRAPH_DATA_DIR={former.parent} to use it"
        )


def _say(message: str) -> None:
    print(f"diplograph: {message}", file=sys.stderr, flush=True)


@contextmanager
def _graph(
    settings: Settings, *, announce: bool = True
) -> Iterator[tuple[GraphTarget, SyncDriver]]:
    """``command_graph``, said on stderr: which graph before, its Bolt URI once reached."""
    from app.graph_runtime import command_graph

    if announce:
        announce_graph(settings)
    with command_graph(settings) as (target, driver):
        if announce and settings.uses_local_graph:
            _say(f"graph: reached at {target.uri}, database {target.database}")
        yield target, driver


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from app.main import create_app

    announce_graph(settings)
    if args.host:
        settings.host = args.host
    if args.port:
        settings.port = args.port
    app = create_app(settings)
    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level=settings.log_level.lower()
    )
    server = uvicorn.Server(config)
    app.state.stop_serving = lambda: setattr(server, "should_exit", True)
    server.run()
    # The embedded graph kept crashing and was not restarted: not a clean stop.
    return 1 if app.state.graph_gave_up else 0


def cmd_graph_server(args: argparse.Namespace, settings: Settings) -> int:
    from app.graph_runtime import local_server

    # Ctrl-C must stop the server even when started from a shell that ignores SIGINT
    # for background jobs (Python keeps an inherited "ignore").
    signal.signal(signal.SIGINT, signal.default_int_handler)
    announce_graph(settings)
    server = local_server(settings)
    info = server.start()
    bolt_port = urlsplit(info.bolt_uri).port
    try:
        if not server.owner:
            print(f"A graph server already runs for {settings.graph_dir} (pid {info.pid}).")
            print(f"Bolt URI: {info.bolt_uri}")
            print(f"Bolt port: {bolt_port}, HTTP port: {info.http_port}")
            return 1
        print(f"Local graph server running (pid {info.pid}), data in {server.root}")
        print(f"Bolt URI:         {info.bolt_uri}")
        # Browser Bolt tools (the JavaScript neo4j-driver) reach the same port over WebSocket.
        print(f"Bolt port:        {bolt_port} (Bolt and WebSocket, 127.0.0.1 only)")
        print(f"HTTP port:        {info.http_port} (ArcadeDB's HTTP API, 127.0.0.1 only)")
        print(f"Database:         {info.database}")
        print(f"User:             {info.user}")
        print(f"Credentials file: {info.credentials_file}")
        if not settings.graph_bolt_port:
            print("The ports change at each start; DIPLOGRAPH_GRAPH_BOLT_PORT fixes the Bolt port.")
        print("Other diplograph commands with the same data directory use it automatically.")
        print("Press Ctrl-C to stop.", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    paths = [Path(p) for p in args.files]
    check_inputs(paths)  # before the model is loaded

    import json

    from app.sources import read_sources, with_published
    from domain.errors import InvalidArticle
    from extractors.pipeline import SpacyExtractor

    items = list(with_published(read_sources(paths), args.published))
    extractor = SpacyExtractor.load(settings.spacy_model, max_chars=settings.max_article_chars)
    valid = [item.article for item in items if item.article is not None]
    results = iter(extractor.extract_many(valid))
    failed = 0
    for item in items:
        if item.article is None:
            line: dict[str, object] = {"file": item.origin, "error": item.error, "meetings": []}
        else:
            result = next(results)
            if isinstance(result, InvalidArticle):
                line = {"file": item.origin, "error": str(result), "meetings": []}
            else:
                line = {"file": item.origin, **result.model_dump(mode="json")}
        failed += "error" in line
        print(json.dumps(line, ensure_ascii=False), flush=True)
    if failed:
        print(f"diplograph: {failed} of {plural(len(items), 'file')} failed", file=sys.stderr)
    return 1 if failed else 0


# Node labels counted in an ingest summary, with their nouns (singular, plural).
CREATED_NOUNS = {
    "Meeting": ("meeting", "meetings"),
    "Person": ("person", "people"),
    "Country": ("country", "countries"),
}


def created_line(created: dict[str, int]) -> str:
    """The summary line of new nodes: "created: 1 meeting, 2 people, 2 countries"."""
    counts = (plural(created.get(label, 0), *nouns) for label, nouns in CREATED_NOUNS.items())
    return "created: " + ", ".join(counts)


def _print_summary(summary: IngestSummary, created: dict[str, int], seconds: float) -> None:
    print(
        f"articles read {summary.read}: new {summary.new}, unchanged {summary.unchanged}, "
        f"updated {summary.updated}, failed {summary.failed} ({seconds:.1f}s)"
    )
    print(created_line(created))
    for origin, reason in summary.failures:
        print(f"failed: {origin}: {reason}")


def _run_ingest(
    settings: Settings,
    items: Iterable[SourceItem],
    total: int,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    reextract: bool = False,
    batch_size: int = 32,
    announce: bool = True,
) -> int:
    import time
    from contextlib import ExitStack

    from app.extraction_pool import ExtractionPool, default_workers
    from app.ingest import Ingestor
    from app.progress import Progress
    from extractors.pipeline import Extractor, SpacyExtractor
    from graph.stats import count_nodes_now

    scheduler = scheduler or settings.dask_scheduler
    workers = workers or settings.ingest_workers or default_workers()
    summary = IngestSummary()
    with _graph(settings, announce=announce) as (target, driver), ExitStack() as stack:
        model, max_chars = settings.spacy_model, settings.max_article_chars
        extractor: Extractor | ExtractionPool
        if scheduler:
            from app.extraction_cluster import ClusterExtraction  # only with the extra

            extractor = stack.enter_context(ClusterExtraction(model, max_chars, scheduler))
        elif workers > 1:
            extractor = stack.enter_context(ExtractionPool(model, max_chars, workers))
        else:  # in this process: no workers to start for a small run
            extractor = SpacyExtractor.load(model, max_chars=max_chars)
        before = count_nodes_now(driver, target.database)
        # Timed from here: the figure users compare is articles per second of work,
        # not the model's load time.
        started = time.monotonic()
        ingestor = Ingestor(driver, target.database, extractor, batch_size=batch_size)
        progress = Progress(total)
        try:
            for outcome in ingestor.ingest(
                items, lambda _: progress.advance(), reextract=reextract
            ):
                summary.add(outcome)
        except GraphUnavailable as exc:
            progress.finish()
            print(f"diplograph: error: the graph went away: {exc}", file=sys.stderr)
            print(
                f"diplograph: {summary.read} articles were processed and stored before; "
                "run the same command again to finish the rest",
                file=sys.stderr,
            )
            return 3
        progress.finish()
        after = count_nodes_now(driver, target.database)
    created = {label: after[label] - before[label] for label in CREATED_NOUNS}
    _print_summary(summary, created, time.monotonic() - started)
    return 1 if summary.failed else 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from app.sources import count_sources, read_sources, with_published

    paths = [Path(p) for p in args.paths]
    check_inputs(paths)  # before the graph is started and the model loaded
    items = with_published(read_sources(paths), args.published)
    return _run_ingest(
        settings,
        items,
        count_sources(paths),
        workers=args.workers,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
    )


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    from domain.models import ArticleIn
    from extractors.pipeline import SpacyExtractor
    from graph.articles import iter_articles

    current = SpacyExtractor.load(settings.spacy_model).version
    with _graph(settings) as (target, driver):
        # Ids only: the texts are read again page by page while they are re-extracted.
        stale = [
            a.id
            for a in iter_articles(driver, target.database)
            if args.all or a.extractor_version != current
        ]

    def items() -> Iterator[SourceItem]:
        wanted = set(stale)
        with _graph(settings, announce=False) as (target, driver):
            for a in iter_articles(driver, target.database):
                if a.id in wanted:
                    yield SourceItem(
                        origin=f"article:{a.id}",
                        article=ArticleIn(
                            title=a.title,
                            text=a.text,
                            published=dt.date.fromisoformat(a.published) if a.published else None,
                            url=a.url,
                            source=a.source,
                        ),
                    )

    print(f"{plural(len(stale), 'stored article')} to extract again with {current}")
    return _run_ingest(
        settings,
        items(),
        len(stale),
        workers=args.workers,
        scheduler=args.scheduler,
        reextract=True,
        announce=False,
    )


def cmd_persons_merge(args: argparse.Namespace, settings: Settings) -> int:
    from app.person_curation import merge

    with _graph(settings) as (target, driver):
        meetings = merge(driver, target.database, args.keep, args.others)
    joined = f"; {plural(meetings, 'meeting')} reported twice became one" if meetings else ""
    print(f"merged {', '.join(args.others)} into {args.keep}{joined}")
    return 0


def cmd_persons_split(args: argparse.Namespace, settings: Settings) -> int:
    from app.person_curation import split

    with _graph(settings) as (target, driver):
        new_id = split(driver, target.database, args.person, args.names)
    print(f"{new_id}: the meetings where {args.person} was written as "
          f"{', '.join(map(repr, args.names))}; recorded as not the same person")  # fmt: skip
    return 0


def cmd_persons_resolve(args: argparse.Namespace, settings: Settings) -> int:
    from app.person_curation import resolve_graph

    with _graph(settings) as (target, driver):
        merges = resolve_graph(driver, target.database, dry_run=args.dry_run)
    verb = "would merge" if args.dry_run else "merged"
    for m in merges:
        print(f"{verb} {', '.join(m.others)} into {m.keep}")
    print(f"{plural(len(merges), 'person', 'people')} {verb} into another")
    return 0


def _add_persons(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    persons = sub.add_parser("persons", help="correct who is who: merge, split, re-resolve people")
    actions = persons.add_subparsers(dest="action", required=True)
    merge = actions.add_parser(
        "merge", help="make several Person nodes one (ids as in /api/v1/persons)"
    )
    merge.add_argument("keep", metavar="KEEP", help="id of the person to keep")
    merge.add_argument("others", nargs="+", metavar="OTHER", help="ids of people merged into it")
    merge.set_defaults(handler=cmd_persons_merge)
    split = actions.add_parser(
        "split", help="move the meetings written with some names to a new person"
    )
    split.add_argument("person", metavar="PERSON", help="id of the person to split")
    split.add_argument(
        "--name", dest="names", action="append", required=True, metavar="NAME",
        help="a name form (as in the person's aliases) that belongs to someone else; repeatable",
    )  # fmt: skip
    split.set_defaults(handler=cmd_persons_split)
    resolve = actions.add_parser(
        "resolve", help="apply the name rules to the whole graph (e.g. one written before them)"
    )
    resolve.add_argument("--dry-run", action="store_true", help="print the merges, change nothing")
    resolve.set_defaults(handler=cmd_persons_resolve)


def _add_published(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--published",
        type=_iso_day,
        metavar="YYYY-MM-DD",
        help="publication date of every input that has none of its own; a file's own date "
        "(a .txt 'Date:' line, JSON 'published', HTML metadata) wins. Relative dates in "
        "the text ('on Tuesday') are read from it.",
    )


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")


def _add_workers(command: argparse.ArgumentParser) -> None:
    where = command.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="extraction processes, each with the model loaded (default: "
        "DIPLOGRAPH_INGEST_WORKERS, else the number of cores); 1 extracts in this process",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on the workers of this Dask scheduler, e.g. tcp://host:8786 (default: "
        "DIPLOGRAPH_DASK_SCHEDULER); needs the cluster extra and the model on every worker",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplograph", description="Turn diplomatic news into a knowledge graph."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the REST API (starts the local graph if needed)")
    serve.add_argument("--host", help="bind address (default: DIPLOGRAPH_HOST)")
    serve.add_argument("--port", type=int, help="port (default: DIPLOGRAPH_PORT)")
    serve.set_defaults(handler=cmd_serve)

    graph_server = sub.add_parser(
        "graph-server", help="run the local graph server in the foreground for several processes"
    )
    graph_server.set_defaults(handler=cmd_graph_server)

    extract = sub.add_parser(
        "extract", help="print the meetings in article files as JSON Lines (writes nothing)"
    )
    extract.add_argument("files", nargs="+", metavar="FILE", help=".txt or .json article")
    _add_published(extract)
    extract.set_defaults(handler=cmd_extract)

    ingest = sub.add_parser("ingest", help="extract articles and store them in the graph")
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders (.txt .json .jsonl .html)"
    )
    ingest.add_argument("--batch-size", type=int, default=32, help="articles per batch")
    _add_workers(ingest)
    _add_published(ingest)
    ingest.set_defaults(handler=cmd_ingest)

    reextract = sub.add_parser(
        "reextract", help="extract stored articles again with the current extractor"
    )
    reextract.add_argument(
        "--all", action="store_true", help="also articles extracted by the current version"
    )
    _add_workers(reextract)
    reextract.set_defaults(handler=cmd_reextract)
    _add_persons(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    handler: Command = args.handler
    try:
        return handler(args, settings)
    except DiplographError as exc:
        print(f"diplograph: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
