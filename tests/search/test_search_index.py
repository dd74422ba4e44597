# Tests of the search index builder: file layout, shard sizes, safe encoding, refusal of bad input, reproducibility.
import json
import re

import pytest

from portal.kinds import search_labels
from portal.search import SearchDoc, write_search_index
from portal.search.builder import ALPHABET, INDEX_FOLDER, read_doc_shard
from portal.search.tokens import token_shard

LABELS = search_labels("zh")  # the record kinds the index accepts, with their labels


def read_shard(path):
    """(name, payload) of a PortalSearch.shard(name, payload); file, parsed as JSON."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r'PortalSearch\.shard\(("[^"]+"),(.*)\);\n', text, re.S)
    assert match, text[:200]
    return json.loads(match.group(1)), json.loads(match.group(2))


def decode_numbers(part):
    values, value, shift = [], 0, 0
    for char in part:
        digit = ALPHABET.index(char)
        value |= (digit & 31) << shift
        shift += 5
        if not digit & 32:
            values.append(value)
            value, shift = 0, 0
    return values


def docs_for(count):
    return [SearchDoc(url=f"cases/case-{i}/", title=f"案例{i}号高处坠落", kind="cases",
                      text=f"第{i}个案例：作业人员在脚手架上坠落。" * (1 + i % 3)) for i in range(count)]


def test_layout_manifest_and_postings(tmp_path):
    docs = [
        SearchDoc(url="regulations/work-safety-law/", title="中华人民共和国安全生产法", kind="regulations",
                  text="安全生产工作", keywords=("主席令第八十八号",)),
        SearchDoc(url="regulations/old/", title="旧条例", kind="regulations", text="安全生产", boost=0.6, badge="已废止"),
        SearchDoc(url="cases/a/", title="高处坠落", kind="cases", text="坠落 坠落 坠落 坠落"),
    ]
    stats = write_search_index(docs, "zh", tmp_path, kind_labels=LABELS)
    index = tmp_path / INDEX_FOLDER
    name, manifest = read_shard(index / "manifest.js")
    assert name == "manifest"
    assert manifest["docs"] == 3 and manifest["lang"] == "zh"
    assert manifest["boosts"] == [[0.6], "BAA"]  # doc 1 (1 skipped), one document, value 0
    build = index / manifest["build"]
    assert sorted(p.name for p in build.iterdir()) == ["d0.js", "f0.js", "p0.js", "t0.js", "v0.js", "w0.js"]
    assert stats["files"] == 7 and stats["bytes"] == sum(p.stat().st_size for p in index.rglob("*.js"))
    assert "vocab" not in manifest and manifest["vocabShards"] == 1 and manifest["vocabOne"] == 0
    _, shard = read_shard(build / "t0.js")
    df, body, title = shard["坠落"].split(",")
    assert decode_numbers(df) == [1]
    # doc 2, tf 5 (the title does not count) -> bucket 2 (4-7): gap 2 << 2 | 2
    assert decode_numbers(body) == [2 << 2 | 2]
    assert decode_numbers(title) == [2 << 2 | 0]  # title "高处坠落" is short: length bucket 0
    assert "#主席令第88号" in shard and "88" in shard
    assert "@anquan" in shard and "@sencan" in shard, "the title's pinyin keys (fuzzy: sheng chan -> sen can)"
    _, table = read_shard(build / "p0.js")
    assert table["坠"] == "zhui" and table["产"] == "chan"
    _, words = read_shard(build / "w0.js")
    assert "安全生产法" in words or "安全" in words
    assert manifest["kindRuns"] == [[0, 1, "regulations"], [2, 2, "cases"]]
    _, payload = read_shard(build / "d0.js")
    assert payload[0][1] == ["旧条例", "regulations/old/", "regulations", "已废止", ""], "records without their texts"
    assert "坠落 坠落" not in (build / "d0.js").read_text(encoding="utf-8"), "texts packed (zlib, base 64)"
    store = read_doc_shard(payload)
    assert store[1] == ["旧条例", "regulations/old/", "regulations", "已废止", "", "安全生产"]


def test_tokens_are_spread_over_shards_and_frequent_ones_get_their_own(tmp_path):
    stats = write_search_index(docs_for(600), "zh", tmp_path, kind_labels=LABELS, token_shard_bytes=2000,
                               doc_shard_bytes=4000)
    index = tmp_path / INDEX_FOLDER
    _, manifest = read_shard(index / "manifest.js")
    build = index / manifest["build"]
    assert stats["token_shards"] == manifest["shards"] > 1
    assert "坠落" in manifest["solo"], "a token in every document is big enough for a file of its own"
    for i in range(manifest["shards"]):
        _, shard = read_shard(build / f"t{i}.js")
        assert all(token_shard(token, manifest["shards"]) == i for token in shard)
    assert stats["largest_doc_shard"] < 4000 + 400
    texts = sum(len(d.text.encode("utf-8")) for d in docs_for(600))
    assert sum(p.stat().st_size for p in build.glob("d*.js")) < texts, "records and packed texts: less than the texts"
    starts = manifest["docStarts"]
    assert starts[0] == 0 and starts == sorted(starts) and len(starts) == stats["doc_shards"] > 1


def test_hostile_text_stays_data(tmp_path):
    hostile = '</script><script>alert(1)</script> {{ 7*7 }} "q" \\ \u2028 x'
    write_search_index([SearchDoc(url="page/", title=hostile, kind="page", text=hostile)], "zh", tmp_path,
                       kind_labels=LABELS)
    index = tmp_path / INDEX_FOLDER
    _, manifest = read_shard(index / "manifest.js")
    path = index / manifest["build"] / "d0.js"
    assert "\u2028" not in path.read_text(encoding="utf-8")
    store = read_doc_shard(read_shard(path)[1])
    assert store[0][0] == hostile and store[0][5] == hostile


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://example.com/", "/abs/", "//host/x", "a\\b"])
def test_refuses_urls_that_are_not_site_relative(tmp_path, url):
    with pytest.raises(ValueError, match="relative"):
        write_search_index([SearchDoc(url=url, title="t", kind="page", text="x")], "zh", tmp_path)


def test_refuses_unknown_kind_and_bad_boost(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        write_search_index([SearchDoc(url="x/", title="t", kind="blog", text="x")], "zh", tmp_path, kind_labels=LABELS)
    with pytest.raises(ValueError, match="boost"):
        write_search_index([SearchDoc(url="x/", title="t", kind="page", text="x", boost=0)], "zh", tmp_path)


def test_rebuild_replaces_the_index_and_is_reproducible(tmp_path):
    write_search_index(docs_for(5), "zh", tmp_path, kind_labels=LABELS)
    first = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / INDEX_FOLDER).rglob("*.js")}
    write_search_index(docs_for(7), "zh", tmp_path, kind_labels=LABELS)
    write_search_index(docs_for(5), "zh", tmp_path, kind_labels=LABELS)
    again = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / INDEX_FOLDER).rglob("*.js")}
    assert again == first, "same documents, same files; earlier builds' folders are gone"


def test_does_not_replace_a_folder_that_is_not_an_index(tmp_path):
    (tmp_path / INDEX_FOLDER).mkdir()
    (tmp_path / INDEX_FOLDER / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        write_search_index(docs_for(2), "zh", tmp_path, kind_labels=LABELS)
    assert (tmp_path / INDEX_FOLDER / "notes.txt").exists()


def test_parallel_build_gives_the_same_files(tmp_path):
    docs = docs_for(2100)
    write_search_index(docs, "zh", tmp_path / "one", kind_labels=LABELS)
    write_search_index(docs, "zh", tmp_path / "two", kind_labels=LABELS, workers=2)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.js")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.js")}
    assert one == two


def test_facet_rows_for_the_results_page(tmp_path):
    """Each document's date and facet values, as 1-based indexes into the manifest's values (lists when several)."""
    docs = [
        SearchDoc(url="regulations/law/", title="安全生产法", kind="regulations", text="安全", date="2021-06-10",
                  facets={"level": ("law",), "industry": ("mining", "chemicals"), "year": ("2021",)}),
        SearchDoc(url="cases/a/", title="高处坠落", kind="cases", text="坠落", date="2019",
                  facets={"industry": ("chemicals",)}),
        SearchDoc(url="about/", title="关于", kind="page", text="门户"),
    ]
    values = {"level": [("law", "法律"), ("rule", "部门规章")], "industry": [("chemicals", "化工"), ("mining", "矿山")],
              "year": [("2021", "2021")]}
    write_search_index(docs, "zh", tmp_path, kind_labels=LABELS, facet_values=values)
    index = tmp_path / INDEX_FOLDER
    _, manifest = read_shard(index / "manifest.js")
    facets = manifest["facets"]
    assert facets["names"] == ["kind", "level", "industry", "year"]
    assert facets["values"]["level"] == [["law", "法律"], ["rule", "部门规章"]]
    kinds = [slug for slug, _label in facets["values"]["kind"]]
    _, rows = read_shard(index / manifest["build"] / "f0.js")
    assert rows[0] == [20210610, kinds.index("regulations") + 1, 1, [2, 1], 1]
    assert rows[1] == [20190000, kinds.index("cases") + 1, 0, 1]
    assert rows[2] == [0, kinds.index("page") + 1]


def test_facet_value_without_a_label_is_refused(tmp_path):
    doc = SearchDoc(url="cases/a/", title="坠落", kind="cases", text="坠落", facets={"province": ("xx",)})
    with pytest.raises(ValueError, match="province"):
        write_search_index([doc], "zh", tmp_path, kind_labels=LABELS, facet_values={"province": [("yy", "乙")]})
    with pytest.raises(ValueError, match="date"):
        write_search_index([SearchDoc(url="a/", title="a", kind="page", text="", date="2021/1/1")], "zh", tmp_path)


def test_vocabulary_files_by_the_first_two_characters_of_each_word(tmp_path):
    """A term is in the file of every key (first two characters) of its words, with its place in the vocabulary; the
    script loads the files of a query's pairs of characters, so the manifest carries none of the vocabulary."""
    from portal.search.builder import vocab_key, vocab_shards

    terms = [[f"t{i}", [f"词{i}甲乙", f"word{i}"], "", 0] for i in range(300)] + [["k", ["电话"], "contacts", 0]]
    shards = vocab_shards(terms, target=2000)
    assert len(shards) > 5
    for order, term in enumerate(terms):
        for word in term[1]:
            shard = shards[token_shard(vocab_key(word), len(shards))]
            assert [order] + term in shard
    assert all([entry[0] for entry in shard] == sorted(entry[0] for entry in shard) for shard in shards)
    docs = [SearchDoc(url="contacts/a/", title="火警电话", kind="contacts", text="119")]
    vocabulary = [{"id": "t1", "words": ["有限空间", "受限空间", "confined space"]}]
    write_search_index(docs, "zh", tmp_path, kind_labels=LABELS, vocabulary=vocabulary)
    _, manifest = read_shard(tmp_path / INDEX_FOLDER / "manifest.js")
    files = {}
    for i in range(manifest["vocabShards"]):
        for entry in read_shard(tmp_path / INDEX_FOLDER / manifest["build"] / f"v{i}.js")[1]:
            files.setdefault(entry[1], set()).add(i)
    assert files["t1"] == {token_shard(key, manifest["vocabShards"]) for key in ("有限", "受限", "co")}


def test_boost_runs_are_numbers_in_the_postings_code():
    from portal.search.builder import _boost_run_list, _boost_runs

    boosts = [1, 0.6, 0.6, 1, 0.95, 0.95, 0.95, 1, 1, 0.6] + [0.8] * 40 + [1] * 100 + [0.6]
    docs = [SearchDoc(url=f"x{i}/", title="t", kind="page", text="", boost=b) for i, b in enumerate(boosts)]
    values, packed = _boost_runs(docs)
    numbers = decode_numbers(packed)
    rebuilt, after = [1.0] * len(docs), 0
    for k in range(0, len(numbers), 3):
        first = after + numbers[k]
        last = first + numbers[k + 1]
        rebuilt[first:last + 1] = [values[numbers[k + 2]]] * (last - first + 1)
        after = last + 1
    assert rebuilt == [float(b) for b in boosts] and len(numbers) == 3 * len(_boost_run_list(docs))
