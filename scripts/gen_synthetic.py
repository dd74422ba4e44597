# Generates a valid synthetic data set (N cases plus proportional regulations, directories, articles, quiz) for benchmarks and tests.
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

from portal.settings import SHIPPED_DATA as DEFAULT_DATA_DIR

WORDS_ZH = "安全 生产 责任 隐患 排查 治理 应急 预案 演练 培训 教育 检查 监督 管理 制度 落实 风险 管控 作业 现场 设备 维护 检修 操作 规程 坠落 瓦斯 爆炸 火灾 触电 中毒 窒息 坍塌 透水 机械 车辆 起重 防护 标准 岗位".split()
WORDS_EN = "safety production responsibility hazard inspection remediation emergency plan drill training education check supervision management rule duty risk control work site equipment maintenance repair operation procedure fall gas explosion fire shock poisoning asphyxia collapse flood machine vehicle crane protection standard post".split()


def text_zh(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS_ZH) for _ in range(n)) + "。"


def text_en(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS_EN) for _ in range(n)).capitalize() + "."


def both(rng, n=8):
    return {"zh": text_zh(rng, n), "en": text_en(rng, n)}


def zh_only(rng, n=20, english_share=0.7):
    value = {"zh": text_zh(rng, n)}
    if rng.random() < english_share:
        value["en"] = text_en(rng, n)
    return value


SHIPPED_ONLY_VOCABULARIES = ("hazards.yml",)  # vocabularies that name shipped records


def vocab_ids(name: str, key: str = "terms") -> list[str]:
    data = yaml.safe_load((DEFAULT_DATA_DIR / "vocab" / f"{name}.yml").read_text(encoding="utf-8"))
    return [t["id"] for t in data[key]]


def generate(out: Path, cases: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    # Every vocabulary but the hazard hubs (optional), whose controls cite shipped cases and regulations by id: the
    # synthetic records are not those, so a copy would refer to records that do not exist.
    shutil.copytree(DEFAULT_DATA_DIR / "vocab", out / "vocab", ignore=shutil.ignore_patterns(*SHIPPED_ONLY_VOCABULARIES))
    topics, industries, provinces = vocab_ids("topics"), vocab_ids("industries"), vocab_ids("provinces")
    levels = vocab_ids("regulation-levels")
    types = [t["id"] for t in yaml.safe_load((DEFAULT_DATA_DIR / "vocab" / "accident-types.yml").read_text())["schemes"][0]["terms"]]
    categories = vocab_ids("article-categories")
    contact_categories = vocab_ids("contact-categories")
    source = [{"title": "合成数据", "publisher": "benchmark generator", "kind": "other"}]
    n_regs, n_dirs, n_arts = max(10, cases // 10), max(2, cases // 100), max(5, cases // 20)
    counts = {"regulations": n_regs, "cases": cases, "contacts": n_dirs, "articles": n_arts, "quiz": max(5, cases // 50)}

    def write(kind: str, record: dict) -> None:
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record['id']}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")

    reg_ids = [f"reg-{i:05d}" for i in range(n_regs)]
    reg_ids[0], reg_ids[1] = "accident-reporting-investigation-regulation", "gb-6441-1986"
    for i, reg_id in enumerate(reg_ids):
        year = 1990 + i % 35
        record = {
            "id": reg_id, "title": both(rng, 5), "level": levels[i % len(levels)],
            "issuer": {"zh": f"发布机关{i % 12}", "en": f"Issuer {i % 12}"}, "doc_number": f"合成令第{i}号",
            "promulgated": f"{year}-03-01", "effective": f"{year}-06-01",
            "topics": rng.sample(topics, 2), "industries": rng.sample(industries, 2), "summary": both(rng, 20),
            "articles": [{"number": str(n), "heading": both(rng, 3), "text": zh_only(rng, 40), "verbatim": False}
                         for n in range(1, 9)],
            "sources": source,
        }
        if i % 7 == 3:
            record["amendments"] = [{"date": f"{year + 5}-01-01", "effective": f"{year + 5}-03-01"}]
        if i > 10 and i % 11 == 0:
            record["supersedes"] = [reg_ids[i - 1]]
        write("regulations", record)
    art_ids = [f"art-{i:05d}" for i in range(n_arts)]
    case_ids = [f"case-{i:05d}" for i in range(cases)]
    for i, case_id in enumerate(case_ids):
        deaths = rng.choice([0, 1, 1, 2, 3, 4, 12, 35])
        record = {
            "id": case_id, "title": both(rng, 6), "date": f"{2000 + i % 26}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "place": {"province": rng.choice(provinces), "city": {"zh": "某市", "en": "A city"}},
            "industry": rng.choice(industries), "accident_type": {"scheme": "gb6441-1986", "term": rng.choice(types)},
            "deaths": deaths, "injuries": rng.randint(0, 20), "direct_loss_cny": rng.randint(10, 90_000) * 1000,
            "topics": rng.sample(topics, 2), "summary": both(rng, 30),
            "timeline": [{"time": f"{h:02d}:00", "text": zh_only(rng, 20)} for h in range(8, 12)],
            "direct_causes": [zh_only(rng) for _ in range(3)], "root_causes": [zh_only(rng) for _ in range(3)],
            "lessons": [zh_only(rng) for _ in range(3)], "measures": [zh_only(rng) for _ in range(3)],
            "violations": [{"regulation": rng.choice(reg_ids), "article": str(rng.randint(1, 8))}],
            "related_articles": [rng.choice(art_ids)],
            "sources": [{"title": "合成调查报告", "publisher": "benchmark generator", "kind": "investigation-report"}],
        }
        write("cases", record)
    for i in range(n_dirs):
        write("contacts", {
            "id": f"dir-{i:04d}", "title": both(rng, 4), "organisation": both(rng, 3), "region": both(rng, 2),
            "sample": True, "summary": both(rng, 10),
            "last_verified": {"date": f"2026-0{1 + i % 9}-01", "by": {"zh": "安全部", "en": "Safety dept."}},
            "entries": [{"name": both(rng, 2), "category": rng.choice(contact_categories),
                         "phones": [{"number": f"139{rng.randint(10_000_000, 99_999_999)}", "type": "mobile"},
                                    {"number": "119", "type": "emergency"}]} for _ in range(12)],
        })
    for art_id in art_ids:
        write("articles", {
            "id": art_id, "title": both(rng, 4), "category": rng.choice(categories), "summary": both(rng, 15),
            "key_points": [both(rng, 6) for _ in range(4)],
            "body": zh_only(rng, 300, english_share=0.6) | {"zh": "## 要点\n\n" + text_zh(rng, 300)},
            "updated": "2026-10-01", "topics": rng.sample(topics, 2),
            "related": {"regulations": [{"regulation": rng.choice(reg_ids)}], "cases": rng.sample(case_ids, 2)},
            "sources": source,
        })
    for i in range(counts["quiz"]):
        write("quiz", {
            "id": f"q-{i:04d}", "question": both(rng, 8), "choices": [both(rng, 3) for _ in range(4)],
            "answer": i % 4, "explanation": both(rng, 10), "cites": {"regulation": rng.choice(reg_ids), "article": "1"},
        })
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.cases, args.seed))


if __name__ == "__main__":
    main()
