"""Turn WARC files into Parquet rows on a Dask cluster: one task per file.

    stage_on_dask(["a.warc.gz", "b.warc.gz"], "stage/", "local", workers=2, progress=print, ...)
    stage_on_dask(files, "/shared/stage", "tcp://10.0.0.5:8786", ...)   # an existing scheduler

`"local"` starts a `dask.distributed` LocalCluster of `workers` processes with one
thread each (cleaning is CPU-bound Python). With a scheduler address, the workers
must run this same Capaian version and see the WARC paths and the stage folder at the
same paths (a shared filesystem); the parent then ingests the Parquet as in a local load.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from warehouse.warc_rows import describe_stage, warc_to_parquet


class DaskUnavailable(Exception):
    """The Dask scheduler named could not be reached."""


def stage_on_dask(files: list[str], stage: str | Path, address: str, workers: int, progress, **task) -> list[Path]:
    """Run `warc_to_parquet` for each file on Dask; the folders come back in the order of `files`."""
    from dask.distributed import as_completed

    if not files:
        return []
    with _client(address, workers) as client:
        futures = client.map(warc_to_parquet, files, out_dir=str(Path(stage).resolve()), pure=False, **task)
        names = {future.key: path for future, path in zip(futures, files)}
        for done, future in enumerate(as_completed(futures), 1):
            folder = future.result()  # a task that failed raises here, with its own traceback
            progress(f"  [{done}/{len(files)}] {names[future.key]} (on Dask): {describe_stage(folder)}")
        return [Path(folder) for folder in client.gather(futures)]


@contextmanager
def _client(address: str, workers: int):
    from dask.distributed import Client, LocalCluster

    # The scheduler and nanny log every connection at INFO; a load prints its own progress.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if address == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client
