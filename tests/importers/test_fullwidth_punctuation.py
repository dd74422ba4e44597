# Tests of scripts/fullwidth_punctuation.py: which ASCII marks become full-width, and that nothing else in a file moves.
"""Full-width punctuation is restored only inside texts marked verbatim and only in Chinese context."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fullwidth_punctuation.py"
spec = importlib.util.spec_from_file_location("fullwidth_punctuation", SCRIPT)
fullwidth = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fullwidth)


def test_chinese_context_marks_become_full_width():
    restore = fullwidth.restore_fullwidth
    assert restore("(一)在矿山安全管理中作出显著成绩的;") == "（一）在矿山安全管理中作出显著成绩的；"
    assert restore("根据《中华人民共和国矿山安全法》(以下简称《矿山安全法》),制定本条例。") == \
        "根据《中华人民共和国矿山安全法》（以下简称《矿山安全法》），制定本条例。"
    assert restore("负有下列职责:\n(1)建立制度") == "负有下列职责：\n（1）建立制度"
    assert restore("锅炉水(介)质处理") == "锅炉水（介）质处理"


def test_ascii_runs_stay_ascii():
    restore = fullwidth.restore_fullwidth
    for text in ("08:00", "1,000", "GB 6441-1986 (ISO 1)", "see (a), (b): x"):
        assert restore(text) == text


def test_only_verbatim_texts_change_and_layout_is_kept(tmp_path):
    source = ("# comment kept\nid: x\narticles:\n- number: '1'\n  heading: {zh: 标题(一), en: Heading (1)}\n"
              "  text:\n    zh: 职责如下:(一)建立制度;\n    en: 'Duties: (1) set up'\n  verbatim: true\n"
              "- number: '2'\n  heading: {zh: 摘要, en: Summary}\n  text: {zh: '摘要(不变):', en: x}\n  verbatim: false\n"
              "texts:\n- version: 2021-09-01\n  verbatim: true\n  articles:\n  - number: '1'\n    text: |-\n"
              "      下列事项:\n      (一)甲;\n- version: 2014-12-01\n  verbatim: false\n  articles:\n"
              "  - number: '1'\n    text: '不变(一):'\n")
    path = tmp_path / "x.yml"
    path.write_text(source, encoding="utf-8")
    changed, problem = fullwidth.fix_file(path, check=False)
    assert (changed, problem) == (2, None)
    result = path.read_text(encoding="utf-8")
    assert result == (source.replace("职责如下:(一)建立制度;", "职责如下：（一）建立制度；")
                      .replace("下列事项:\n      (一)甲;", "下列事项：\n      （一）甲；"))
    data = yaml.safe_load(result)
    assert data["articles"][1]["text"]["zh"] == "摘要(不变):"  # not verbatim: left alone
    assert data["texts"][1]["articles"][0]["text"] == "不变(一):"
    assert fullwidth.fix_file(path, check=False) == (0, None)  # a second run changes nothing


def test_shipped_verbatim_texts_have_full_width_punctuation():
    """Shipped texts marked verbatim keep the official full-width marks (run the script after importing new texts)."""
    regulations = sorted((SCRIPT.parents[1] / "data" / "regulations").glob("*.yml"))
    assert regulations
    would_change = [path.name for path in regulations if fullwidth.fix_file(path, check=True) != (0, None)]
    assert would_change == [], f"run: python scripts/fullwidth_punctuation.py {' '.join(would_change)}"
