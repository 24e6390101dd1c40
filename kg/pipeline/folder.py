"""The output folder as one build at a time: each build in a folder of its own, published at once.

A build writes every output into a fresh ``OUT/.kg-build-<id>/`` (same file system as OUT) and
then publishes it with one atomic step: the rename of a new ``OUT/current`` symbolic link over
the old one. The names users open (``OUT/graph.ttl``, ``OUT/graph.html``, ``OUT/store`` ...)
are fixed links into ``current/``, so after a kill at any moment they all show the previous
build or all the new one, never a mix. ``manifest.json`` inside the build folder says which
build it is and holds a digest of every file, so a reader can check it. Store folders
(``OUT/.store-*``) sit beside the build folders, so an unchanged store is shared rather than
copied; ``.kg-cache/`` (the analyses cache) is shared by every build.

The next run, holding ``OUT/.kg-cache/build.lock``, removes what an interrupted one left (build
folders that were never published, store folders no build uses, temporary files and links).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import importlib.metadata
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write_text
from kg.errors import StoreError

CURRENT = "current"
#: Prefix of a build folder; what follows it is the build's generation id.
BUILD_PREFIX = ".kg-build-"
MANIFEST = "manifest.json"
LOCK = Path(".kg-cache") / "build.lock"
#: Hidden leftovers of interrupted runs (temporary links, stores of the older layout being
#: swapped), removed at the start of a run with the ``.NAME.*.tmp`` files of the outputs.
_LEFTOVERS = (".kg-link-*", ".store-link-*", ".store-old-*")


def new_id() -> str:
    """A sortable, unique build id: UTC time to the second and 6 random hex digits."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{now}-{secrets.token_hex(3)}"


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the folder's build lock for the block; raise `StoreError` if another run holds it.

    An advisory `flock`: the kernel drops it when its process dies, so a killed build never
    leaves the folder locked.
    """
    path = out_dir / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise StoreError(f"{out_dir}: another kg run is writing this folder; wait for it "
                             "to finish, or use another --out") from err
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def stamp() -> dict[str, str]:
    """The kg version and the time, for a manifest."""
    # from the installed distribution: `kg.__version__` is a layer above this module
    try:
        version = importlib.metadata.version("kg")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    now = datetime.datetime.now(datetime.UTC)
    return {"kg_version": version, "created": now.isoformat(timespec="seconds")}


def prepare(out_dir: Path, names: Iterable[str],
            carry: Callable[[Path, Path], object] | None = None) -> None:
    """Remove what interrupted runs left, and bring a folder of the older layout (`names` in
    place) into this one (see `adopt`); make every name a link into ``current/``."""
    names = tuple(names)
    clean(out_dir, names)
    adopt(out_dir, names, {"adopted": True, **stamp()}, carry=carry)
    if current(out_dir) is not None:
        link_names(out_dir, names)


def current(out_dir: Path) -> Path | None:
    """The published build folder of `out_dir`, or None when it has none (yet)."""
    link = out_dir / CURRENT
    if not link.is_symlink() or not link.is_dir():
        return None
    return out_dir / os.readlink(link)


def stage(out_dir: Path, build_id: str) -> Path:
    """Make the (empty) folder a new build is written into."""
    path = out_dir / f"{BUILD_PREFIX}{build_id}"
    path.mkdir(parents=True)
    return path


def publish(out_dir: Path, build_dir: Path, names: Iterable[str]) -> None:
    """Make `build_dir` the folder's build with one atomic rename; then link `names` into it.

    Everything in `build_dir` is flushed to disk first, so a power cut after the rename cannot
    publish files whose data is not there. Names not yet in the folder are linked before the
    rename (a link into a ``current/`` still to come shows nothing), the files of an older
    layout after it, once ``current/`` holds the same files.
    """
    names = tuple(names)
    _fsync_tree(build_dir)
    link_names(out_dir, [name for name in names if not os.path.lexists(out_dir / name)])
    _replace_link(out_dir / CURRENT, build_dir.name)
    _fsync(out_dir)
    link_names(out_dir, names)


def link_names(out_dir: Path, names: Iterable[str]) -> None:
    """Make each of `names` in `out_dir` a link to ``current/<name>`` (if not one already).

    A regular file of an older layout is replaced by the link; `adopt` first put that same
    file into the published build, so the name shows the same bytes before and after.
    """
    for name in names:
        link, want = out_dir / name, f"{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == want:
            continue
        _replace_link(link, want)


def adopt(out_dir: Path, names: Iterable[str], manifest: dict[str, Any],
          carry: Callable[[Path, Path], object] | None = None) -> Path | None:
    """Publish the outputs of an older, unversioned layout as a build; return its folder.

    The files are hard-linked (the store link re-pointed), so nothing is copied and the folder
    shows the same build throughout; `carry(out_dir, build_dir)` moves in what else the build
    needs. Return None when there is nothing to adopt.
    """
    if current(out_dir) is not None:
        return None
    found = [n for n in names if _in_place(out_dir / n)]
    if not found:
        return None
    build_dir = stage(out_dir, f"{new_id()}-adopted")
    for name in found:
        path = out_dir / name
        if path.is_symlink():
            if path.is_dir():
                os.symlink(os.path.relpath(path.resolve(), build_dir), build_dir / name)
        else:
            link_file(path, build_dir / name)
    if carry is not None:
        carry(out_dir, build_dir)
    write_manifest(build_dir, {**manifest, "build": build_dir.name[len(BUILD_PREFIX):]})
    publish(out_dir, build_dir, found)
    return build_dir


def derive(out_dir: Path, live: Path, replaced: Iterable[str]) -> Path:
    """Make a new build folder holding `live`'s files (hard-linked) but for `replaced` ones.

    For `kg html` and `kg stats`, which rewrite one output of a published build: the caller
    writes the replaced files, a new manifest, and publishes.
    """
    skip = {*replaced, MANIFEST}
    build_dir = stage(out_dir, new_id())
    for path in live.iterdir():
        if path.name in skip:
            continue
        if path.is_symlink():
            os.symlink(os.readlink(path), build_dir / path.name)
        elif path.is_dir():
            shutil.copytree(path, build_dir / path.name, copy_function=link_file)
        else:
            link_file(path, build_dir / path.name)
    return build_dir


def _in_place(path: Path) -> bool:
    """Whether `path` is an output of the older layout: a file, or a link to a store folder
    (not a link into ``current/``, which only a build of this layout makes)."""
    if path.is_symlink():
        return path.is_dir() and not os.readlink(path).startswith(f"{CURRENT}/")
    return path.is_file()


def clean(out_dir: Path, names: Iterable[str] = ()) -> list[str]:
    """Remove what interrupted runs left; keep the published build and the stores it uses.

    Temporary files are removed for the outputs `names` only (``.graph.nq.*.tmp``), so other
    hidden files of the folder are left alone. Return the names removed. Call it only while
    holding the lock.
    """
    live = current(out_dir)
    keep = {live.resolve()} if live is not None else set()
    # the store of the published build, or of a folder of the older layout (store -> .store-*)
    for store in (live / "store" if live is not None else None, out_dir / "store"):
        if store is not None and store.is_symlink() and store.is_dir():
            keep.add(store.resolve())
    removed = []
    temporary = [f".{name}.*.tmp" for name in names]
    for pattern in (f"{BUILD_PREFIX}*", ".store-*", *_LEFTOVERS, *temporary):
        for path in out_dir.glob(pattern):
            if path.resolve() in keep and not path.is_symlink():
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)


def write_manifest(build_dir: Path, fields: dict[str, Any]) -> dict[str, Any]:
    """Write ``manifest.json`` of `build_dir`: `fields` plus a digest of every file; return it."""
    manifest = {**fields, "generation": build_dir.name[len(BUILD_PREFIX):],
                "files": file_digests(build_dir)}
    atomic_write_text(build_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(build_dir: Path) -> dict[str, Any]:
    """The manifest of a build folder (or of an output folder's published build)."""
    path = build_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: no readable manifest ({err}); rebuild with `kg build`") from err
    if not isinstance(data, dict):
        raise StoreError(f"{path}: not a JSON object; rebuild with `kg build`")
    return data


def file_digests(build_dir: Path) -> dict[str, dict[str, Any]]:
    """SHA-256 and size of each regular file of `build_dir` (not the manifest); where each
    link (the store) points."""
    digests: dict[str, dict[str, Any]] = {}
    for path in sorted(build_dir.iterdir()):
        if path.name == MANIFEST or path.name.startswith("."):
            continue
        if path.is_symlink():
            digests[path.name] = {"link": os.readlink(path)}
        elif path.is_file():
            digests[path.name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return digests


def check(out_dir: Path) -> list[str]:
    """What is wrong with the published build of `out_dir` against its manifest, and which
    names of the folder do not show it (empty: none)."""
    live = current(out_dir)
    if live is None:
        return [f"{out_dir}: no published build ({CURRENT} link)"]
    listed, found = read_manifest(live).get("files", {}), file_digests(live)
    return ([f"{name}: does not match the manifest" for name, want in listed.items()
             if found.get(name) != want]
            + [f"{name}: not in the manifest" for name in found if name not in listed]
            + [f"{out_dir / name}: not a link into {CURRENT}/ (replaced by another program?)"
               for name in [*listed, MANIFEST]
               if not (out_dir / name).is_symlink()
               or os.readlink(out_dir / name) != f"{CURRENT}/{name}"])


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def link_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Hard-link `source` as `target` (files are never changed in place, so builds can share
    them); copy it, with its times, where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` with one atomic rename of a fresh link over it."""
    tmp = link.parent / f".kg-link-{secrets.token_hex(6)}"
    if link.is_dir() and not link.is_symlink():
        # a copy of the folder made by following links (`cp -rL`): moved aside, for `clean`
        os.replace(link, link.parent / f".kg-link-{secrets.token_hex(6)}")
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(build_dir: Path) -> None:
    """Flush the build folder's entries (its files were flushed as they were written)."""
    for path in build_dir.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            _fsync(path)
    _fsync(build_dir)
