# Tests of scripts/statute_sample_report.py's sample selection and matching of texts to sample files.
"""The measurement script must pick every folder of the mirror and credit a text to exactly the file it came from."""
from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "statute_sample_report.py"
spec = importlib.util.spec_from_file_location("statute_sample_report", SCRIPT)
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def test_sample_takes_every_folder_and_every_safety_statute():
    listing = ([f"行政法规/条例{i:03d}(2020-01-01).md" for i in range(300)] + ["行政法规/_index.md",
               "社会法/安全生产法(2021-06-10).md", "DLC/山东地方法规/地方性法规/山东/山东省甲条例.md",
               "司法解释/某解释(2001-01-01).md", "案例/劳动人事/某案例.md", "部门规章/公安部/某规定(2018-01-01).md",
               "行政法规/危险化学品安全管理条例(2013-12-07).md", "scripts/common.py", "README.md"])
    chosen = report.select_sample(listing)
    assert {report.stratum(path).split("/")[0] for path in chosen} == {"行政法规", "law", "DLC", "司法解释", "案例",
                                                                        "部门规章"}
    assert "行政法规/危险化学品安全管理条例(2013-12-07).md" in chosen  # beyond the quota, but safety-related
    quota = report.QUOTAS["行政法规"]
    assert quota <= len([p for p in chosen if p.startswith("行政法规/")]) <= quota + 1  # every n-th, plus safety
    assert not {"行政法规/_index.md", "scripts/common.py", "README.md"} & set(chosen)


def test_text_source_is_credited_to_its_own_file_only():
    files = ["社会法/职业病防治法(2018-12-29).md", "经济法/职业病防治法(2018-12-29).md",
             "DLC/上海地方法规/地方性法规/上海/上海市甲条例.md"]
    blob = "https://github.com/LawRefBook/Laws/blob/master/"
    assert report.files_of_source(blob + "%E7%A4%BE%E4%BC%9A%E6%B3%95/%E8%81%8C%E4%B8%9A%E7%97%85%E9%98%B2%E6%B2%BB"
                                  "%E6%B3%95%282018-12-29%29.md", files) == [files[0]]
    assert report.files_of_source(blob + "/work/statute-sample/" + files[1], files) == [files[1]]
    assert report.files_of_source(blob + "上海市甲条例.md", files) == [files[2]]  # named from a wrong root
    assert report.files_of_source(blob + "行政法规/别的条例.md", files) == []


def test_messages_group_by_kind_not_by_date():
    output = ("社会法/甲法(2021-06-10).md:1: file name says version 2021-06-10, but the last event line is 2014-08-31: "
              "the header may lack the latest amendment\n"
              "行政法/乙法(2019-04-23).md:1: version: file name says version 2019-04-23, but the last event line is "
              "2008-10-28: x")  # the importer's problems now print their field (records core Problem)
    found = report.messages_by_file(output, ["社会法/甲法(2021-06-10).md", "行政法/乙法(2019-04-23).md"])
    assert found["社会法/甲法(2021-06-10).md"] == found["行政法/乙法(2019-04-23).md"] == [
        "file name says version N, but the last event line is N"]


def test_mismatch_lines_and_ambiguous_file_names():
    files = ["社会法/职业病防治法(2018-12-29).md", "经济法/职业病防治法(2018-12-29).md", "行政法/消防法(2021-04-29).md"]
    output = ("MISMATCH occupational-disease-prevention-law: 社会法/职业病防治法(2018-12-29).md: in-force date of this "
              "version is not in the text nor in the record (amendment of 2018-12-29 has no effective date)\n"
              "MISMATCH fire-protection-law: /tmp/x/行政法/消防法(2021-04-29).md: not listed in the record's sources "
              "(add https://github.com/LawRefBook/Laws/blob/master/tmp/x/%E8%A1%8C.md)\n")
    found = report.messages_by_file(output, files)
    assert found["社会法/职业病防治法(2018-12-29).md"] == [
        "in-force date of this version is not in the text nor in the record (amendment of N has no effective date)"]
    assert "经济法/职业病防治法(2018-12-29).md" not in found  # same file name, other folder: not this file's line
    assert found["行政法/消防法(2021-04-29).md"] == ["not listed in the record's sources (add <url>)"]


def test_a_byte_identical_copy_in_another_folder_is_not_a_refusal(tmp_path):
    for folder, body in (("社会法", "# 甲法\n正文"), ("经济法", "# 甲法\n正文"), ("行政法", "# 甲法\n别的正文")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "甲法(2018-12-29).md").write_text(body, encoding="utf-8")
    kept = {"社会法/甲法(2018-12-29).md"}
    assert report.is_copy(tmp_path, "经济法/甲法(2018-12-29).md", kept, [])
    assert not report.is_copy(tmp_path, "行政法/甲法(2018-12-29).md", kept, [])
    assert report.is_copy(tmp_path, "行政法/甲法(2018-12-29).md", kept, ["same version and text as 社会法/甲法(N).md"])
