"""Word segmentation: jieba over a trimmed core dictionary plus the domain user dictionary.

jieba's full dictionary (349k words) takes ~0.7 s to load even from its marshal cache; words with
frequency >= 10 (105k) segment everyday complaint text just as well and load in ~0.25 s. The trimmed
dictionary and jieba's cache of it are written once to a cache directory:
``$COMPLAINT_BOT_CACHE_DIR``, else ``~/.cache/community-complaint-bot``, else the system temp dir.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

if "pkg_resources" not in sys.modules:
    # jieba's _compat imports pkg_resources only to open its own data files; that import costs
    # ~0.15 s (a third of the load budget) and warns. Hidden, jieba falls back to plain open().
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
else:
    import jieba

CACHE_ENV = "COMPLAINT_BOT_CACHE_DIR"
CORE_MIN_FREQ = 10
# Frequency given to domain words without one: high enough to beat splits like 业|委会.
DEFAULT_USER_FREQ = 3000

jieba.setLogLevel(logging.WARNING)
log = logging.getLogger(__name__)


def _user_dictionary_text() -> str:
    return resources.files(__package__).joinpath("userdict.txt").read_text(encoding="utf-8")


def _candidate_cache_dirs() -> list[Path]:
    dirs: list[Path] = []
    if os.environ.get(CACHE_ENV):
        dirs.append(Path(os.environ[CACHE_ENV]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    dirs.append((Path(xdg) if xdg else Path.home() / ".cache") / "community-complaint-bot")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    dirs.append(Path(tempfile.gettempdir()) / f"community-complaint-bot-{uid}")
    return dirs


def _writable_dir(candidates: Iterable[Path]) -> Path:
    for directory in candidates:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            probe = directory / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
            return directory
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="community-complaint-bot-"))


def _user_entries(text: str) -> list[str]:
    entries: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        freq = parts[1] if len(parts) > 1 and parts[1].isdigit() else str(DEFAULT_USER_FREQ)
        entries.append(f"{parts[0]} {freq}")
    return entries


def build_core_dictionary(cache_dir: Path) -> Path:
    """Write (once) jieba's dictionary trimmed to common words, merged with the domain words."""
    user_text = _user_dictionary_text()
    key = hashlib.sha1(f"{jieba.__version__}|{CORE_MIN_FREQ}|{user_text}".encode()).hexdigest()[:12]
    path = cache_dir / f"jieba-core-{key}.txt"
    if path.is_file():
        return path
    source = Path(jieba.__file__).with_name("dict.txt")
    kept: dict[str, str] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) >= CORE_MIN_FREQ:
                kept[parts[0]] = line.rstrip("\n")
    for entry in _user_entries(user_text):
        word, freq = entry.split()
        old = kept.get(word)
        if old is None or int(old.split()[1]) < int(freq):
            kept[word] = entry
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(kept.values()) + "\n")
    os.replace(tmp, path)
    return path


class Segmenter:
    """A jieba tokenizer of our own, so other jieba users in the process are not disturbed."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._tokenizer: jieba.Tokenizer | None = None
        self._lock = threading.Lock()
        self._extra_words: list[str] = []

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._load()
        return self._tokenizer

    def _load(self) -> jieba.Tokenizer:
        cache_dir = _writable_dir([self._cache_dir] if self._cache_dir else _candidate_cache_dirs())
        tokenizer = jieba.Tokenizer(str(build_core_dictionary(cache_dir)))
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.initialize()
        for word in self._extra_words:
            tokenizer.add_word(word)
        return tokenizer

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text))

    def add_words(self, words: Iterable[str]) -> None:
        cleaned = [w.strip() for w in words if w and w.strip()]
        with self._lock:
            self._extra_words.extend(cleaned)
            if self._tokenizer is not None:
                for word in cleaned:
                    self._tokenizer.add_word(word)


_default = Segmenter()


def default_segmenter() -> Segmenter:
    return _default


def configure(cache_dir: str | os.PathLike[str] | None) -> None:
    """Choose where the dictionary cache goes; takes effect if called before the first segmentation."""
    global _default
    extra = _default._extra_words
    _default = Segmenter(Path(cache_dir) if cache_dir else None)
    _default.add_words(extra)


def add_words(words: Iterable[str]) -> None:
    """Teach the segmenter place names (grids, estates, roads) so they stay one token."""
    from .text import normalize

    words = list(words)
    # Prediction segments normalised text, so the normalised form is what must be known.
    _default.add_words([*words, *(normalize(w) for w in words)])


def cut(text: str) -> list[str]:
    return _default.cut(text)
