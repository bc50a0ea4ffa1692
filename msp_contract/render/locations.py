"""Artifact paths for CI formats: repo-relative POSIX paths when the file is under the cwd (what GitHub
and GitLab expect), otherwise the path as given."""

from __future__ import annotations

from pathlib import Path


def artifact_path(path: str) -> str:
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return candidate.as_posix()


def artifact_uri(path: str) -> str:
    """A SARIF ``uri``: relative reference under the cwd, else an absolute ``file://`` URI."""
    relative = artifact_path(path)
    return relative if not Path(relative).is_absolute() else Path(relative).as_uri()
