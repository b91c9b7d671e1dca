"""The raw tables the loader writes and dbt reads (schema `raw`).

    >>> import duckdb; con = duckdb.connect()
    >>> ensure_schema(con)

Every table is replaced per page (or per run), never appended blindly, so that
loading the same input twice gives the same rows. Keys are not declared as
constraints (they would slow bulk loads); dbt's tests check them instead.
"""
import pyarrow as pa

RAW_TABLES = {
    "pages": """
        page_id      varchar,  -- sha1 of the requested URL, first 16 hex digits
        url          varchar not null,     -- the URL asked for
        final_url    varchar,              -- where redirects ended
        status       integer,
        headers      varchar,              -- response headers as JSON text
        fetched_at   timestamp,
        body         blob,
        source       varchar,              -- registry name, or 'warc' for foreign archives
        run_id       varchar,
        warc_file    varchar,
        kind         varchar,              -- article | listing | feed | sitemap
        warc_offset  bigint,               -- byte offset of the record in warc_file
        skip_reason  varchar,              -- why the page was not cleaned (warehouse.prefilter.REASONS)
        skipped_by   varchar               -- extractor version that skipped it; another version looks again
    """,
    "articles": """
        page_id           varchar,
        url               varchar not null,
        final_url         varchar,
        source            varchar,
        site_name         varchar,
        title             varchar,
        published_at      timestamp,
        text              varchar,
        text_simhash      ubigint,
        is_relevant       boolean,
        relevance_reason  varchar,
        office_id         varchar,
        office_name       varchar,
        office_level      varchar,
        office_code       varchar,
        report_year       integer,
        n_facts           integer,
        n_rejected        integer,
        extractor_version varchar,
        loaded_at         timestamp
    """,
    "facts": """
        fact_id           varchar,
        page_id           varchar not null,
        url               varchar,
        office_id         varchar,
        office_name       varchar,
        office_level      varchar,
        office_code       varchar,
        year              integer,
        indicator         varchar,
        breakdown         varchar,
        unit              varchar,
        value             double,
        target            double,
        value_text        varchar,
        evidence          varchar,
        evidence_start    integer,
        evidence_end      integer,
        extractor_version varchar,
        loaded_at         timestamp
    """,
    "offices": """
        office_id      varchar,
        office_name    varchar not null,
        office_level   varchar not null,
        region_code    varchar,
        province_code  varchar,
        province_name  varchar
    """,
    "crawl_runs": """
        run_id           varchar,
        source           varchar,
        started_at       timestamp,
        finished_at      timestamp,
        pages_fetched    integer,
        articles_fetched integer,
        errors           integer,
        status           varchar,
        message          varchar
    """,
    "warc_files": """
        path       varchar,
        n_records  integer,
        loaded_at  timestamp
    """,
}

#: Facts that failed a check keep every column of a fact, and say why.
RAW_TABLES["rejected_facts"] = RAW_TABLES["facts"].replace(
    "        extractor_version varchar,", "        reason            varchar,\n        extractor_version varchar,")

#: (column, SQL type) of each raw table, in order.
TYPES = {
    name: [(line.split()[0], line.split()[1].rstrip(",")) for line in ddl.strip().splitlines() if line.strip()]
    for name, ddl in RAW_TABLES.items()
}
#: Columns of each raw table, in order, for building Arrow tables that match.
COLUMNS = {name: [column for column, _ in columns] for name, columns in TYPES.items()}


def ensure_schema(con):
    """Create schema `raw` and its tables when missing, and add columns a newer version brought
    (at the end, where the DDL has them); never drops anything."""
    con.execute("create schema if not exists raw")
    for name, ddl in RAW_TABLES.items():
        con.execute(f"create table if not exists raw.{name} ({ddl})")
        have = {row[0] for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ?", [name]).fetchall()}
        for column, sql_type in TYPES[name]:
            if column not in have:
                con.execute(f"alter table raw.{name} add column {column} {sql_type}")


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a raw table, so that every batch and Parquet file agree on types."""
    return pa.schema([(column, _ARROW[sql_type]) for column, sql_type in TYPES[table]])


_ARROW = {"varchar": pa.string(), "integer": pa.int32(), "bigint": pa.int64(), "ubigint": pa.uint64(),
          "double": pa.float64(), "boolean": pa.bool_(), "blob": pa.binary(), "timestamp": pa.timestamp("us")}
