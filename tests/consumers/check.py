"""Checks Sorot's exported files the way their consumers read them.

Usage: python3 tests/consumers/check.py DIR

DIR holds the exports of tests/formats_golden.rs (written there when
SOROT_EXPORT_DIR=DIR is set): corpus.sorot.json, corpus.jsonl,
corpus.doccano.jsonl, corpus.label_studio.json, corpus.conll,
corpus.hf.jsonl, labels.json and brat/. Every offset must be a Python
code point offset (text[start:end] is the span's text), spaCy must accept
every span, and Hugging Face datasets must load the token file with the same
tags as the IOB2 file. Prints "N passed, N failed" and exits non-zero on a
failure.
"""

import hashlib
import json
import sys
from pathlib import Path

failures = []
passed = 0


def check(name, ok, detail=""):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}")


def lines(path):
    """The lines of a file split at "\n" only: str.splitlines() also splits
    at characters such as U+2028 that may sit inside a JSON string or token."""
    with open(path, encoding="utf-8", newline="") as file:
        return [line.removesuffix("\r") for line in file.read().split("\n")]


def json_lines(path):
    return [json.loads(line) for line in lines(path) if line.strip()]


def check_sorot(root):
    data = json.loads((root / "corpus.sorot.json").read_text(encoding="utf-8"))
    check("sorot header", (data["format"], data["version"], data["offset_unit"]) == ("sorot", 1, "codepoint"), data)
    for doc in data["documents"]:
        text = doc["text"]
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        check(f"sorot {doc['id']} text_sha256", doc["text_sha256"] == digest, doc["text_sha256"])
        for span in doc["spans"]:
            sliced = text[span["start"]:span["end"]]
            check(f"sorot {doc['id']} span {span['id']}", sliced == span["text"], f"{sliced!r} != {span['text']!r}")


def check_jsonl(root, nlp):
    for doc in json_lines(root / "corpus.jsonl"):
        text = doc["text"]
        spacy_doc = nlp.make_doc(text)
        for span in doc["spans"]:
            where = f"jsonl {doc['id']} {span['label']} {span['start']}..{span['end']}"
            sliced = text[span["start"]:span["end"]]
            check(where, sliced == span["text"], f"{sliced!r} != {span['text']!r}")
            char_span = spacy_doc.char_span(span["start"], span["end"], label=span["label"], alignment_mode="expand")
            check(f"spaCy {where}", char_span is not None, "char_span is None")


def check_doccano(root):
    for doc in json_lines(root / "corpus.doccano.jsonl"):
        for start, end, label in doc["label"]:
            check(f"doccano {doc['id']} {label}", 0 <= start < end <= len(doc["text"]), f"{start}..{end}")


def check_label_studio(root):
    for task in json.loads((root / "corpus.label_studio.json").read_text(encoding="utf-8")):
        text = task["data"]["text"]
        for annotation in task["annotations"]:
            for region in annotation["result"]:
                value = region["value"]
                sliced = text[value["start"]:value["end"]]
                check(f"label studio task {task['id']} {region['id']}", sliced == value["text"], f"{sliced!r}")


def check_brat(root):
    for ann in sorted((root / "brat").glob("*.ann")):
        with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as file:
            text = file.read()
        for line in lines(ann):
            if not line.startswith("T"):
                continue
            _, middle, stored = line.split("\t")
            _, start, end = middle.rsplit(" ", 2)
            sliced = text[int(start):int(end)]
            for ws in "\t\r\n":
                sliced = sliced.replace(ws, " ")
            check(f"brat {ann.name} {line.split()[0]}", sliced == stored, f"{sliced!r} != {stored!r}")


def conll_sentences(path):
    sentences, current = [], []
    for line in lines(path):
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = line.split("\t")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def check_hf(root):
    import datasets

    names = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    check("labels.json starts with O", names[0] == "O", names)
    rows = datasets.load_dataset("json", data_files=str(root / "corpus.hf.jsonl"), split="train")
    features = rows.features.copy()
    features["ner_tags"] = datasets.Sequence(datasets.ClassLabel(names=names))
    rows = rows.cast(features)
    sentences = conll_sentences(root / "corpus.conll")
    check("hf rows = conll sentences", len(rows) == len(sentences), f"{len(rows)} != {len(sentences)}")
    tag_names = rows.features["ner_tags"].feature
    for row, sentence in zip(rows, sentences):
        tagged = list(zip(row["tokens"], [tag_names.int2str(t) for t in row["ner_tags"]]))
        check(f"hf row {row['id']} = conll", tagged == sentence, f"{tagged} != {sentence}")


def main():
    root = Path(sys.argv[1])
    import spacy

    check_sorot(root)
    check_jsonl(root, spacy.blank("id"))
    check_doccano(root)
    check_label_studio(root)
    check_brat(root)
    check_hf(root)
    print(f"consumers: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures or passed == 0 else 0)


if __name__ == "__main__":
    main()
