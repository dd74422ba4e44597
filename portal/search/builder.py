# Writes the portal's sharded search index (self-registering JavaScript files) from a list of SearchDoc records.
"""Index builder: ``write_search_index(docs, lang, out_dir)``.

Layout under ``out_dir/search-index/``::

    manifest.js                 PortalSearch.shard("manifest", {...})   the only file with a fixed name
    <build>/t<i>.js             token shards: token -> postings, token hashed (FNV-1a) into one of K shards
    <build>/s<i>.js             solo shards: one frequent token each (listed by name in the manifest)
    <build>/d<i>.js             document store of consecutive doc ids: [records, texts] where a record is
                                [title, url, kind, badge, section] and texts the records' texts as one
                                zlib-compressed, base-64 JSON array (a third of the bytes; the browser unpacks it with
                                DecompressionStream; read_doc_shard below does it in Python)
    <build>/f<i>.js             facet rows of FACET_ROWS_PER_FILE consecutive doc ids (the results page's filters)
    <build>/v<i>.js             vocabulary terms [order, id, words, kind, optional] with a word whose first two
                                characters hash (FNV-1a) to i: a query loads only the files of its character pairs

``<build>`` is a digest of the content, so every file below it can be cached for ever (only the manifest must be
revalidated) and a rebuild of the same documents gives byte-identical files.

Postings of one token, as one string: ``df , body , title , keyword`` (empty trailing parts left out), each part a
sequence of variable-length numbers in a URL-safe base-64 alphabet (5 payload bits per character, the sixth bit
says "more follows"). A part lists doc ids as gaps; body entries carry the term-frequency bucket in their two low
bits (1, 2-3, 4-7, 8+), title entries the title-length bucket (<=8, <=16, <=32, longer characters).
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import shutil
import time
import zlib
from array import array
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Iterable, NamedTuple

from portal.search.tokens import BodyText, body_token_counts, keyword_tokens, normalize, runs, text_tokens, token_shard
from portal.search.vocabulary import ARTICLE, TextOf, Vocabulary, article_number, pinyin_table, pinyin_tokens

PAGE_KIND = "page"  # a hand-written page; every other kind is a record kind named in the index's kind labels
INDEX_FOLDER = "search-index"
FORMAT_VERSION = 2  # 2: texts packed in the doc shards, the vocabulary in v<i>.js files
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
STORED_TEXT_CHARS = 6000  # text kept per document for snippets; matching uses all of it
FACET_ROWS_PER_FILE = 2000  # facet rows per f<i>.js (about 25 bytes a row)
KIND_FACET = "kind"  # the facet every document has: its kind (its values are the index's kinds)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


@dataclass(frozen=True)
class SearchDoc:
    """One search hit: a page, or a part of a page (an article of a statute) reached through its anchor."""
    url: str  # site-relative URL from the language root, e.g. "regulations/work-safety-law/#art-3"
    title: str  # plain text
    kind: str  # "page", or a record kind (portal/kinds/) whose label the index carries
    text: str  # plain text (no HTML) for matching and snippets
    keywords: tuple[str, ...] = ()  # exact tokens to match as typed: document numbers, ids, standard numbers
    boost: float = 1.0  # records in force 1.0, repealed/historic lower (e.g. 0.6)
    badge: str = ""  # short label shown with the hit, e.g. "已废止" / "Repealed"
    section: str = ""  # e.g. "第三条" for an article-level hit
    # Filters of the results page: facet name -> value slugs (language-neutral: "larger", "coal-mining", "2021"),
    # each slug one of write_search_index's facet_values for that name. The kind is always a facet.
    facets: dict = field(default_factory=dict, hash=False)
    date: str = ""  # ISO date (YYYY-MM-DD, or YYYY / YYYY-MM) the results page sorts by; "" when it has none


def check_doc(doc: SearchDoc, kinds=(PAGE_KIND,)) -> None:
    """Refuse a document the browser could not show safely: absolute or scheme URLs, unknown kinds, bad boosts."""
    if _SCHEME.match(doc.url) or doc.url.startswith(("/", "\\")) or "\\" in doc.url:
        raise ValueError(f"search doc URL must be relative to the language root: {doc.url!r}")
    if doc.kind not in kinds:
        raise ValueError(f"search doc kind {doc.kind!r} is not one of {', '.join(kinds)} ({doc.url})")
    if not (isinstance(doc.boost, (int, float)) and 0 < doc.boost <= 10 and math.isfinite(doc.boost)):
        raise ValueError(f"search doc boost must be a number in (0, 10]: {doc.boost!r} ({doc.url})")
    if isinstance(doc.keywords, str):
        raise ValueError(f"search doc keywords must be a tuple of strings, not one string ({doc.url})")
    if doc.date and not _DATE.match(doc.date):
        raise ValueError(f"search doc date must be YYYY-MM-DD, YYYY-MM or YYYY: {doc.date!r} ({doc.url})")
    if KIND_FACET in doc.facets or any(isinstance(values, str) for values in doc.facets.values()):
        raise ValueError(f"search doc facets must map a facet name (not {KIND_FACET!r}) to a tuple of slugs ({doc.url})")


def encode_number(value: int, out: list[str]) -> None:
    while value >= 32:
        out.append(ALPHABET[32 | (value & 31)])
        value >>= 5
    out.append(ALPHABET[value])


def _tf_bucket(count: int) -> int:
    return 0 if count == 1 else 1 if count <= 3 else 2 if count <= 7 else 3


def _title_bucket(length: int) -> int:
    return 0 if length <= 8 else 1 if length <= 16 else 2 if length <= 32 else 3


def _number_text(value: int) -> str:
    out: list[str] = []
    encode_number(value, out)
    return "".join(out)


_SMALL_NUMBERS = tuple(_number_text(value) for value in range(4096))  # encode_number's text of the usual gaps


class FieldPostings(NamedTuple):
    """Each field's token -> entries, in increasing doc order (the three parts of a token's postings), and the count
    of entries of a token that are not its first in their document (``df`` is its entries less these)."""
    body: dict[str, array]  # doc << 2 | term-frequency bucket
    title: dict[str, array]  # doc << 2 | title-length bucket
    keyword: dict[str, array]  # doc
    repeats: Counter  # token -> documents with it in two fields + twice those with it in all three


def _part_text(values: array, shift: int) -> str:
    """One part of a token's postings: ``values`` (``doc << shift | bucket``, in increasing doc order) as gap numbers
    ``(doc - previous doc - 1) << shift | bucket`` in the variable-length code, joined. Each number is the value less
    ``start``, the lowest value the document after the previous entry's could have (0 before the first)."""
    small = _SMALL_NUMBERS
    limit = len(small)
    low_bits = (1 << shift) - 1
    out: list[str] = []
    append = out.append
    start = 0
    for value in values:
        number = value - start
        start = (value | low_bits) + 1
        append(small[number] if number < limit else _number_text(number))
    return "".join(out)


def encode_postings(body: array, title: array, keyword: array, df: int) -> str:
    """``df,body,title,keyword`` of one token from its entries in each field, in increasing doc order: body and title
    entries ``doc << 2 | bucket``, keyword entries ``doc``; ``df``: the number of its documents."""
    pieces = [_number_text(df), _part_text(body, 2), _part_text(title, 2), _part_text(keyword, 0)]
    while pieces and not pieces[-1]:
        pieces.pop()
    return ",".join(pieces)


def encode_all_postings(postings: FieldPostings) -> dict[str, str]:
    """token -> encode_postings of its entries in the three fields."""
    body, title, keyword, repeats = postings
    empty = array("Q")
    encoded = {}
    for token in body.keys() | title.keys() | keyword.keys():
        entries = body.get(token, empty), title.get(token, empty), keyword.get(token, empty)
        encoded[token] = encode_postings(*entries, sum(map(len, entries)) - repeats[token])
    return encoded


def pack_texts(texts: list[str]) -> str:
    """The texts of a doc shard as base-64 of zlib-compressed JSON (level 9: same input, same bytes)."""
    raw = json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def read_doc_shard(payload: list) -> list[list]:
    """A doc shard's payload as records [title, url, kind, badge, section, text] (the browser's view)."""
    records, packed = payload
    texts = json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))
    return [record[:5] + [text] for record, text in zip(records, texts)]


def _js_string(value) -> str:
    """JSON for a JavaScript file: non-ASCII kept, U+2028/U+2029 escaped for older parsers."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script(name: str, payload) -> bytes:
    return f"PortalSearch.shard({_js_string(name)},{_js_string(payload)});\n".encode("utf-8")


def _field_postings() -> FieldPostings:
    return FieldPostings(*(defaultdict(partial(array, "Q")) for _ in range(3)), Counter())


def _append_each(postings: dict[str, array], tokens: Iterable[str], values: Iterable[int]) -> None:
    """``postings[token].append(value)`` for each pair, iterated by ``map`` (in C) rather than a Python loop (one
    call per token of each document: 5.1 million in Chinese at N=10,000)."""
    deque(map(array.append, map(postings.__getitem__, tokens), values), maxlen=0)


def _body_values(doc_id: int) -> tuple[dict[int, int], int]:
    """A document's body entries by term frequency: ({count below 8: doc << 2 | bucket}, the entry from 8 on), so
    that an entry is one dict look-up (``map(values.get, counts, repeat(high))``; 0.23 -> 0.16 CPU-s per million
    entries against working out ``doc << 2 | bucket`` for each, and Chinese at N=10,000 has 5.1 million)."""
    head = doc_id << 2
    return {count: head | _tf_bucket(count) for count in range(1, 8)}, head | _tf_bucket(8)


def _collect_postings(docs: list[SearchDoc], first_id: int = 0,
                      vocabulary: Vocabulary | None = None) -> FieldPostings:
    """Each field's token -> entries of these documents (numbered from ``first_id``).
    Besides the text tokens: the article number of an article's section (``§21``) and the pinyin keys of the title
    (``@anquan``) in the title field, and the vocabulary's concepts (``~confined-space``) in the field they occur in."""
    postings = _field_postings()
    keyword_fields: dict[tuple[str, ...], Counter] = {}  # keywords -> their field's counts (half are repeats)
    for doc_id, doc in enumerate(docs, start=first_id):
        title_text = f"{doc.title} {doc.section}".strip()
        title_bucket = _title_bucket(len(title_text))
        title_counts = Counter(text_tokens(title_text, title=True))
        number = article_number(doc.section) if doc.section else ""
        if number:
            title_counts[ARTICLE + number] += 1
        title_counts.update(pinyin_tokens(doc.title))
        keyword_counts = keyword_fields.get(doc.keywords)
        if keyword_counts is None:
            keyword_counts = keyword_fields[doc.keywords] = Counter(keyword_tokens(doc.keywords))
            if vocabulary is not None:
                keyword_counts.update(vocabulary.concept_tokens(" ".join(doc.keywords), keyword_counts))
        body = BodyText(doc.text)
        body_counts = body_token_counts(body)
        if vocabulary is not None:
            for counts, text in ((title_counts, title_text), (body_counts, TextOf(body))):
                counts.update(vocabulary.concept_tokens(text, counts))
        values, high = _body_values(doc_id)
        _append_each(postings.body, body_counts, map(values.get, body_counts.values(), repeat(high)))
        _append_each(postings.title, title_counts, repeat(doc_id << 2 | title_bucket))
        _append_each(postings.keyword, keyword_counts, repeat(doc_id))
        # tokens in more than one field of this document (the title and keyword fields are short: only they are
        # looked up in the others), so that df needs no set of documents per token
        postings.repeats.update(title_counts.keys() & body_counts.keys())
        postings.repeats.update(token for token in keyword_counts if token in body_counts or token in title_counts)
    return postings


def _collect_chunk(docs: list[SearchDoc], first_id: int, vocabulary: Vocabulary | None) -> list[dict]:
    """Worker-process half of ``_collect_postings``: arrays as bytes (cheap to send back)."""
    *fields, repeats = _collect_postings(docs, first_id, vocabulary)
    return [{token: entries.tobytes() for token, entries in field.items()} for field in fields] + [dict(repeats)]


def _collect_postings_parallel(docs: list[SearchDoc], workers: int,
                               vocabulary: Vocabulary | None = None) -> FieldPostings:
    """``_collect_postings`` in ``workers`` processes (spawned, so safe inside a threaded program), merged in order."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    step = max(1, math.ceil(len(docs) / (workers * 4)))
    starts = list(range(0, len(docs), step))
    postings = _field_postings()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for *fields, repeats in pool.map(_collect_chunk, [docs[i:i + step] for i in starts], starts,
                                         [vocabulary] * len(starts)):
            for field, raw_field in zip(postings, fields):
                for token, raw in raw_field.items():
                    field[token].frombytes(raw)
            postings.repeats.update(repeats)
    return postings


def _boost_runs(docs: list[SearchDoc]) -> list:
    """``[values, runs]``: the boosts other than 1 that occur, and each run of documents with one of them as three
    numbers in the postings' variable-length code — documents skipped since the previous run, the run's length - 1,
    the index of its value (about 4 characters a run instead of 16 as ``[first, last, boost]``: the manifest of
    N=10,000 held 18 KB of them)."""
    runs = _boost_run_list(docs)
    values = sorted({boost for _, _, boost in runs})
    index = {value: i for i, value in enumerate(values)}
    out: list[str] = []
    after = 0
    for first, last, boost in runs:
        encode_number(first - after, out)
        encode_number(last - first, out)
        encode_number(index[boost], out)
        after = last + 1
    return [values, "".join(out)]


def _boost_run_list(docs: list[SearchDoc]) -> list[list]:
    """[first doc, last doc, boost] for each run of documents whose boost is not 1."""
    runs: list[list] = []
    for doc_id, doc in enumerate(docs):
        boost = round(float(doc.boost), 3)
        if boost == 1.0:
            continue
        if runs and runs[-1][1] == doc_id - 1 and runs[-1][2] == boost:
            runs[-1][1] = doc_id
        else:
            runs.append([doc_id, doc_id, boost])
    return runs


def _date_number(date: str) -> int:
    """YYYYMMDD as a number (missing month or day as 00); 0 for no date: compact in the facet rows, sorts by date."""
    if not date:
        return 0
    parts = (date.split("-") + ["00", "00"])[:3]
    return int("".join(parts))


def facet_table(docs: list[SearchDoc], kind_labels: dict[str, str],
                facet_values: dict[str, list[tuple[str, str]]]) -> tuple[dict, list[list]]:
    """The manifest's facet description and one row per document: ``[date, v1, v2, …]`` where ``date`` is YYYYMMDD
    (0: none) and ``vi`` the 1-based index of the document's value in facet i's values (0: none; a list when it has
    several); trailing zeros are left out. A slug no facet_values list names is refused (it would show no label)."""
    names = [KIND_FACET] + list(facet_values)
    values = {KIND_FACET: [[kind, label] for kind, label in kind_labels.items()] + [[PAGE_KIND, ""]]}
    values.update({name: [[slug, label] for slug, label in pairs] for name, pairs in facet_values.items()})
    positions = {name: {slug: i + 1 for i, (slug, _label) in enumerate(values[name])} for name in names}
    rows = []
    for doc in docs:
        row: list = [_date_number(doc.date)]
        for name in names:
            slugs = (doc.kind,) if name == KIND_FACET else tuple(doc.facets.get(name) or ())
            try:
                found = [positions[name][slug] for slug in slugs]
            except KeyError as missing:
                raise ValueError(f"search doc facet {name!r} value {missing} is not in facet_values ({doc.url})") from None
            row.append(0 if not found else found[0] if len(found) == 1 else found)
        while len(row) > 1 and row[-1] == 0:
            row.pop()
        rows.append(row)
    unknown = sorted({name for doc in docs for name in doc.facets} - set(facet_values))
    if unknown:
        raise ValueError(f"search doc facets {', '.join(unknown)} have no facet_values")
    return {"names": names, "values": values, "rowsPerFile": FACET_ROWS_PER_FILE}, rows


def _kind_runs(docs: list[SearchDoc]) -> list[list]:
    """[first doc, last doc, kind] for each run of documents of one kind (a query's kind word ranks that kind first
    without loading any document)."""
    out: list[list] = []
    for doc_id, doc in enumerate(docs):
        if out and out[-1][2] == doc.kind:
            out[-1][1] = doc_id
        else:
            out.append([doc_id, doc_id, doc.kind])
    return out


def _segmentation_words(docs: list[SearchDoc], vocab: Vocabulary) -> list[str]:
    """Han words of two or more characters in the titles (jieba, dictionary only) and in the vocabulary."""
    import rjieba

    words: set[str] = set()
    for title in sorted({doc.title for doc in docs} | {doc.section for doc in docs}):
        for kind, run in runs(normalize(title)):
            if kind == "han" and len(run) >= 2:
                words.update(w for w in rjieba.cut(run, False) if len(w) >= 2)
    for _, term_words, _, _ in vocab.manifest():
        words.update(w for w in term_words if len(w) >= 2 and all(kind == "han" for kind, _ in runs(w)))
    return sorted(words)


VOCAB_SHARD_BYTES = 2_000  # target size of a vocabulary file (a query loads one per pair of characters it has)


def vocab_key(word: str) -> str:
    """The characters a vocabulary word is filed under: its first two (the script looks up every pair of a query)."""
    return word[:2]


def vocab_shards(terms: list[list], target: int = VOCAB_SHARD_BYTES) -> list[list[list]]:
    """The vocabulary's terms ([id, words, kind, optional], in manifest order) filed by the FNV-1a hash of each word's
    key: a term is in the file of every key of its words, as [order, id, words, kind, optional] (order: its place in
    the vocabulary, which decides ties the way the single list did)."""
    keys: dict[str, list[int]] = {}
    for order, term in enumerate(terms):
        for key in sorted({vocab_key(word) for word in term[1] if word}):
            keys.setdefault(key, []).append(order)
    sizes = [len(_js_string([order] + term).encode("utf-8")) for order, term in enumerate(terms)]
    filed = sum(sizes[order] for orders in keys.values() for order in orders)
    count = max(1, math.ceil(filed / target))
    shards: list[set[int]] = [set() for _ in range(count)]
    for key, orders in keys.items():
        shards[token_shard(key, count)].update(orders)
    return [[[order] + terms[order] for order in sorted(shard)] for shard in shards]


def write_search_index(docs: Iterable[SearchDoc], lang: str, out_dir: Path, *, kind_labels: dict[str, str] | None = None,
                       token_shard_bytes: int = 40_000, doc_shard_bytes: int = 48_000, workers: int = 1,
                       facet_values: dict[str, list[tuple[str, str]]] | None = None,
                       vocabulary: list[dict] | None = None) -> dict:
    """Write the index for one language under ``out_dir/search-index/`` (replacing an earlier one); return stats.

    ``token_shard_bytes``: target size of a token shard; a token whose postings alone exceed half of it gets a file
    of its own. ``doc_shard_bytes``: target size of a document-store shard before its texts are packed (the file is
    about a third of it). Smaller shards mean fewer bytes per
    query and more files. ``workers`` > 1 tokenises in that many processes (Chinese word segmentation); the
    output is the same either way. ``kind_labels``: the record kinds (name -> label shown with a hit, in ``lang``);
    a document of any other kind than these and "page" is refused. The labels go into the manifest.
    ``facet_values``: the results page's filters, facet name -> (slug, label shown) in the order to show them; the
    documents' ``facets`` name these slugs (see facet_table)."""
    started = time.perf_counter()
    docs = list(docs)
    kind_labels = dict(kind_labels or {})
    kinds = tuple(kind_labels) + (PAGE_KIND,)
    for doc in docs:
        check_doc(doc, kinds)
    facets, facet_rows = facet_table(docs, kind_labels, dict(facet_values or {}))
    vocab = Vocabulary(list(vocabulary or []))
    if workers > 1 and len(docs) >= 2000:
        postings = _collect_postings_parallel(docs, workers, vocab)
    else:
        postings = _collect_postings(docs, vocabulary=vocab)
    encoded = encode_all_postings(postings)
    del postings

    index_dir = Path(out_dir) / INDEX_FOLDER
    if index_dir.exists():
        if not (index_dir / "manifest.js").exists():
            raise FileExistsError(f"{index_dir} exists and is not a search index (no manifest.js); not replacing it")
        shutil.rmtree(index_dir)
    incoming = index_dir / "incoming"
    incoming.mkdir(parents=True)
    sizes: dict[str, int] = {}
    digests: dict[str, bytes] = {}

    def put(name: str, content: bytes) -> None:
        """Each file is written as soon as it is made (the index is never whole in memory)."""
        (incoming / name).write_bytes(content)
        sizes[name] = len(content)
        digests[name] = hashlib.sha256(content).digest()

    solo_limit = token_shard_bytes // 2
    solo = sorted((token for token, value in encoded.items() if len(value.encode()) > solo_limit),
                  key=lambda token: (-len(encoded[token]), token))
    solo_names = {token: i for i, token in enumerate(solo)}
    small_bytes = sum(len(token.encode()) + len(value) + 6
                      for token, value in encoded.items() if token not in solo_names)
    shard_count = max(1, math.ceil(small_bytes / token_shard_bytes))
    shards: list[dict[str, str]] = [{} for _ in range(shard_count)]
    for token in sorted(encoded):
        if token not in solo_names:
            shards[token_shard(token, shard_count)][token] = encoded[token]
    for i in range(shard_count):
        put(f"t{i}.js", _script(f"t{i}", shards[i]))
        shards[i] = {}
    for token, i in solo_names.items():
        put(f"s{i}.js", _script(f"s{i}", {token: encoded[token]}))
    token_count = len(encoded)
    del encoded, shards

    doc_starts: list[int] = []
    batch: list[list] = []
    texts: list[str] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch, texts, batch_bytes
        if batch:
            i = len(doc_starts) - 1
            put(f"d{i}.js", _script(f"d{i}", [batch, pack_texts(texts)]))
            batch, texts, batch_bytes = [], [], 0

    for doc_id, doc in enumerate(docs):
        record = [doc.title, doc.url, doc.kind, doc.badge, doc.section]
        text = doc.text[:STORED_TEXT_CHARS]
        size = len(_js_string(record).encode("utf-8")) + len(_js_string(text).encode("utf-8"))  # before packing
        if batch and batch_bytes + size > doc_shard_bytes:
            flush()
        if not batch:
            doc_starts.append(doc_id)
        batch.append(record)
        texts.append(text)
        batch_bytes += size
    flush()
    for number, start in enumerate(range(0, len(facet_rows), FACET_ROWS_PER_FILE)):
        put(f"f{number}.js", _script(f"f{number}", facet_rows[start:start + FACET_ROWS_PER_FILE]))
    del facet_rows
    # loaded by the script only when it needs them: the pinyin of every Han character (typo repair, pinyin typed)
    # and the words of the titles and the vocabulary (to segment a query typed without spaces)
    put("p0.js", _script("p0", pinyin_table(f"{doc.title} {doc.text}" for doc in docs)))
    put("w0.js", _script("w0", _segmentation_words(docs, vocab)))
    vocab_terms = vocab.manifest()
    vocab_files = vocab_shards(vocab_terms)
    for i, shard in enumerate(vocab_files):
        put(f"v{i}.js", _script(f"v{i}", shard))

    digest = hashlib.sha256()  # the build id: changes whenever any file does
    for name in sorted(digests):
        digest.update(name.encode() + b"\0" + digests[name])
    build = digest.hexdigest()[:12]
    manifest = {
        "version": FORMAT_VERSION,
        "lang": lang,
        "build": build,
        "docs": len(docs),
        "shards": shard_count,
        "solo": solo_names,
        "docStarts": doc_starts,
        "boosts": _boost_runs(docs),
        "kinds": kind_labels,
        "facets": facets,
        "vocabShards": len(vocab_files),  # v<i>.js: loaded by the pairs of characters of a query (vocab_shards)
        "vocabOne": 1 if any(len(word) == 1 for term in vocab_terms for word in term[1]) else 0,
        "kindRuns": _kind_runs(docs),
    }
    manifest_bytes = _script("manifest", manifest)
    incoming.rename(index_dir / build)
    (index_dir / "manifest.js").write_bytes(manifest_bytes)

    token_sizes = [sizes[f"t{i}.js"] for i in range(shard_count)]
    solo_sizes = [sizes[f"s{i}.js"] for i in range(len(solo))]
    doc_sizes = [sizes[f"d{i}.js"] for i in range(len(doc_starts))]
    return {
        "lang": lang,
        "dir": str(index_dir),
        "docs": len(docs),
        "tokens": token_count,
        "files": len(sizes) + 1,
        "bytes": sum(sizes.values()) + len(manifest_bytes),
        "manifest_bytes": len(manifest_bytes),
        "token_shards": shard_count,
        "solo_shards": len(solo),
        "doc_shards": len(doc_starts),
        "vocab_shards": len(vocab_files),
        "largest_token_shard": max(token_sizes + solo_sizes, default=0),
        "largest_doc_shard": max(doc_sizes, default=0),
        "seconds": round(time.perf_counter() - started, 2),
    }
