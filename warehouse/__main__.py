"""Capaian's warehouse commands: extract, explain, load, score, pathscore, demo, export, sql, bench.

    python -m warehouse extract ../shared/seeds/*.txt > facts.jsonl
    python -m warehouse load
    python -m warehouse score --gold sample_sites/gold.csv --duckdb data/capaian.duckdb
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path


def _read_article(name: str):
    """(text, title, published) of an .html or .txt file; raises OSError or ValueError with a message."""
    from warehouse.clean import clean_html, clean_text

    path = Path(name)
    raw = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm"):
        article = clean_html(raw, url=path.resolve().as_uri())
        if article is None:
            raise ValueError("no article text found")
        return article.text, article.title, article.published_at
    return clean_text(raw).text, None, None


def _articles(command: str, names: list[str], problems: list[tuple[str, str]]):
    """(name, text, title, published) of each file that reads as an article; the others are said
    on stderr and listed in `problems` as (name, "unreadable" or "no_text")."""
    for name in names:
        try:
            yield (name, *_read_article(name))
        except OSError as exc:
            print(f"warehouse {command}: cannot read {name}: {exc.strerror}", file=sys.stderr)
            problems.append((name, "unreadable"))
        except ValueError as exc:
            print(f"warehouse {command}: {name}: {exc}", file=sys.stderr)
            problems.append((name, "no_text"))


def cmd_extract(args) -> int:
    """Print the facts of .html or .txt files as JSON Lines, one fact a line.

    Example: python -m warehouse extract article.html notes.txt > facts.jsonl
    """
    from warehouse.extract import extract_document

    problems: list[tuple[str, str]] = []
    for name, text, title, published in _articles("extract", args.files, problems):
        res = extract_document(text, title=title, published=published)
        if args.verbose:
            print(f"{name}: relevant={res.relevant} ({res.reason}); office={res.office.name if res.office else None}"
                  f" year={res.year}; {len(res.facts)} facts, {len(res.rejected)} rejected", file=sys.stderr)
        for fact in res.facts:
            row = {"source": name, **fact.to_dict()}
            print(json.dumps(row, ensure_ascii=False, default=str))
    return int(any(why == "unreadable" for _, why in problems))  # a page with no article text is no error


def cmd_explain(args) -> int:
    """Show how a release was read: its office and year with why, then every number and what it became.

    Each number is either a FACT (indicator, breakdown, value, target, office, year), held back
    by a check (with the reason), or no fact (a date, another agency's figure, a target...).
    Example: python -m warehouse explain ../shared/dev/texts/e_01.txt
    """
    from warehouse.extract.explain import explain

    problems: list[tuple[str, str]] = []
    for name, text, title, published in _articles("explain", args.files, problems):
        if len(args.files) > 1:
            print(f"=== {name}")
        print(explain(text, title=title, published=published))
    return int(bool(problems))


def cmd_load(args) -> int:
    """Load new WARC files (or --warc PATH...) into the warehouse and extract their facts.

    Pages that cannot be a BNN report are skipped before cleaning (their row says why);
    cleaning runs on --workers processes, or on Dask with --dask local|tcp://host:8786.
    Example: BNN_DUCKDB=data/capaian.duckdb python -m warehouse load --warc cc-news-*.warc.gz --dask local
    """
    from warehouse.dask_load import DaskUnavailable
    from warehouse.load import LoadError, load_warehouse
    from warehouse.warc_rows import Limits

    limits = Limits(**{k: v for k, v in (("max_bytes", args.max_bytes), ("seconds", args.page_seconds)) if v})
    try:
        report = load_warehouse(args.db, data_dir=args.data, warc_paths=args.warc, reextract=args.reextract,
                                progress=print, workers=args.workers, dask=args.dask, limits=limits)
    except (LoadError, DaskUnavailable) as exc:
        print(f"warehouse load: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def cmd_score(args) -> int:
    """Score facts against a gold CSV: --jsonl per document, --duckdb per office-year, or a whole
    annotated set of real articles with --set (texts/, gold*.csv, docs*.csv), with what went wrong by class.

    Examples:
      python -m warehouse score --gold sample_sites/gold.csv --duckdb data/demo/capaian.duckdb
      python -m warehouse score --set ../shared/dev --verbose
    """
    from warehouse.score import score_files

    if args.set:
        return _score_set(args)
    if not args.gold or not (args.jsonl or args.duckdb):
        print("warehouse score: give --set DIR, or --gold FILE with --jsonl FILE or --duckdb FILE", file=sys.stderr)
        return 2
    result = score_files(args.gold, jsonl=args.jsonl, duckdb_path=args.duckdb, docs_paths=args.docs)
    if not args.quiet:
        for key, value in sorted(result.misses, key=str):
            print(f"missed     {key} = {value}")
        for key, value in sorted(result.unexpected, key=str):
            print(f"unexpected {key} = {value}")
        if result.target_scored:
            print(f"targets: {result.target_right}/{result.target_scored} right on matched facts")
    print(result.summary())
    if args.min_f1 is not None and result.f1 < args.min_f1:
        print(f"f1 {result.f1:.3f} is below the floor {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def _score_set(args) -> int:
    from warehouse.devset import evaluate

    try:
        report = evaluate(args.set)
    except FileNotFoundError as exc:
        print(f"warehouse score: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        for v in report.docs:
            if v.problems:
                print(f"{v.doc_id}: {', '.join(v.problems)} (got {v.office} {v.year}: {v.reason})")
        for key, value in sorted(report.score.misses, key=str):
            print(f"missed     {key} = {value}")
        for key, value in sorted(report.score.unexpected, key=str):
            print(f"unexpected {key} = {value}")
    print(report.summary())
    if args.min_f1 is not None and report.score.f1 < args.min_f1:
        print(f"f1 {report.score.f1:.3f} is below the floor {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def cmd_pathscore(args) -> int:
    """Score an annotated set through the whole path: serve its texts as a local news site, crawl,
    load, dbt build, score fct_indicator_office_year per office-year; beside it the per-article
    score of the same texts, and every lost or extra fact with its cause.

    The set's layout is that of `score --set` (texts/*.txt, gold*.csv, docs*.csv). A page gets a
    publication date only when the article's URL in docs*.csv carries one. The work folder
    (default data/pathscore/) is wiped first and keeps the crawl, the warehouse and dbt's output.
    Example: python -m warehouse pathscore ../shared/dev --verbose
    """
    from warehouse.dbt import DbtFailed
    from warehouse.pathscore import NoSetError, PathFailed, run_pathscore

    try:
        report = run_pathscore(args.set, Path(args.out))
    except (NoSetError, FileNotFoundError) as exc:
        print(f"warehouse pathscore: {exc}", file=sys.stderr)
        return 2
    except (PathFailed, DbtFailed) as exc:
        print(f"warehouse pathscore: {exc}", file=sys.stderr)
        return 1
    if args.verbose:
        print(report.details())
    print(report.summary())
    if args.min_f1 is not None and report.path.f1 < args.min_f1:
        print(f"path f1 {report.path.f1:.3f} is below the floor {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def cmd_demo(args) -> int:
    """Crawl the bundled sample sites, load, build the marts and docs, print a summary.

    Example: python -m warehouse demo
    """
    from warehouse.demo import run_demo

    return run_demo(Path(args.out))


def cmd_export(args) -> int:
    """Write every mart to Parquet and CSV under data/export/.

    Example: python -m warehouse export --out data/export
    """
    from warehouse.export import NoMarts, export_marts

    try:
        paths = export_marts(args.db, Path(args.out))
    except NoMarts as exc:
        print(f"warehouse export: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


def cmd_sql(args) -> int:
    """Open a SQL shell on the warehouse (read-only unless --write).

    Example: python -m warehouse sql -c "select * from fct_indicator_office_year limit 5"
    """
    from warehouse.shell import run_shell

    return run_shell(args.db, command=args.command, read_only=not args.write)


def cmd_bench(args) -> int:
    """Benchmark extraction (per article, a 1 MB text) and ingest against trafilatura alone.

    The ingest part writes archive-shaped and hostile WARC files and takes a few minutes.
    Example: python -m warehouse bench
    """
    from warehouse.bench import main as bench_extraction
    from warehouse.loadbench import main as bench_load

    return (bench_extraction() or 0) or bench_load()


def build_parser() -> argparse.ArgumentParser:
    from warehouse.load import default_data_dir, default_db, default_workers

    parser = argparse.ArgumentParser(prog="python -m warehouse", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, func):
        doc = func.__doc__.strip()
        cmd = sub.add_parser(name, help=doc.splitlines()[0], description=doc,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        cmd.set_defaults(func=func)
        return cmd

    extract = add("extract", cmd_extract)
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("-v", "--verbose", action="store_true", help="say each file's verdict on stderr")

    explain = add("explain", cmd_explain)
    explain.add_argument("files", nargs="+", metavar="FILE")

    load = add("load", cmd_load)
    load.add_argument("--db", default=default_db(), help="DuckDB file (env BNN_DUCKDB)")
    load.add_argument("--data", default=default_data_dir(), help="crawl data folder (env CAPAIAN_DATA)")
    load.add_argument("--warc", nargs="+", metavar="PATH", help="load these WARC files (again) instead of new ones")
    load.add_argument("--reextract", action="store_true", help="clean and extract every stored page again")
    load.add_argument("--workers", type=int, help=f"processes that clean and extract (env CAPAIAN_WORKERS; "
                      f"default: one per core, here {default_workers()}, or one for a small load)")
    load.add_argument("--dask", metavar="local|ADDRESS",
                      help="turn each WARC file into rows on Dask: 'local' (a LocalCluster of --workers "
                           "processes) or a scheduler address such as tcp://host:8786")
    load.add_argument("--max-bytes", type=int, help="size cap of one decompressed body "
                      "(env CAPAIAN_DOWNLOAD_MAXSIZE, the crawler's; default 5 MiB)")
    load.add_argument("--page-seconds", type=float,
                      help="time budget to clean and extract one page (env CAPAIAN_PAGE_SECONDS; default 30)")

    score = add("score", cmd_score)
    score.add_argument("--gold", help="gold CSV (with --jsonl or --duckdb)")
    group = score.add_mutually_exclusive_group()
    group.add_argument("--jsonl", help="facts from `extract`, scored per document")
    group.add_argument("--duckdb", help="a warehouse, scored per office and year")
    group.add_argument("--set", metavar="DIR", help="an annotated set: DIR/texts/*.txt, DIR/gold*.csv, DIR/docs*.csv")
    score.add_argument("--docs", action="append", default=[], metavar="CSV",
                       help="with --jsonl: also score every document listed here (look-alikes count)")
    score.add_argument("-v", "--verbose", action="store_true", help="with --set: each document's problems")
    score.add_argument("--quiet", action="store_true", help="print only the last line")
    score.add_argument("--min-f1", type=float, help="exit 1 when f1 is below this")

    pathscore = add("pathscore", cmd_pathscore)
    pathscore.add_argument("set", metavar="DIR", help="an annotated set: DIR/texts/*.txt, DIR/gold*.csv, DIR/docs*.csv")
    pathscore.add_argument("--out", default="data/pathscore", help="work folder, wiped first")
    pathscore.add_argument("-v", "--verbose", action="store_true", help="list every lost, extra and moved fact")
    pathscore.add_argument("--min-f1", type=float, help="exit 1 when the path's f1 is below this")

    demo = add("demo", cmd_demo)
    demo.add_argument("--out", default="data/demo", help="folder for the demo's warehouse and crawl data")

    export = add("export", cmd_export)
    export.add_argument("--db", default=default_db())
    export.add_argument("--out", default="data/export")

    sql = add("sql", cmd_sql)
    sql.add_argument("--db", default=default_db())
    sql.add_argument("-c", "--command", help="run one statement and exit")
    sql.add_argument("--write", action="store_true", help="open the warehouse for writing")

    add("bench", cmd_bench)
    return parser


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
