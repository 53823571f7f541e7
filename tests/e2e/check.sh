#!/bin/sh
# folio check: exit status by target, --help, usage errors, --json (parsed
# with python3), the profile's target-grade, and sensible grades for the
# sample articles.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$FOLIO_SOURCE_DIR"
F=tests/fixtures/readability
OUT="$SCRATCH/cmd.stdout" # what the last expect_status printed (lib.sh)
EN=assets/samples/neck-pain-desk-work.md
FR=assets/samples/epaule-gelee.md
folio() { "$FOLIO_BIN" "$@"; }

# --help documents every option.
expect_ok "help" folio check --help
for opt in --target --json --lang --from --profile --max-input --quiet --help; do
	expect_grep "help mentions $opt" "$opt" "$OUT"
done
expect_ok "listed in folio --help" folio --help
expect_grep "folio --help lists check" "check" "$OUT"

# Usage errors exit 2, like the other commands.
expect_status "no input" 2 folio check
expect_stderr "no input message" "no input file given"
expect_status "typo" 2 folio check --jsn "$EN"
expect_stderr "typo suggestion" "did you mean '--json'?"
expect_status "bad target" 2 folio check --target abc "$EN"
expect_stderr "bad target message" "--target takes a grade"
expect_status "target zero" 2 folio check --target 0 "$EN"
expect_status "target missing value" 2 folio check "$EN" --target
expect_status "bad --from" 2 folio check --from pdf "$EN"
expect_status "bad profile" 2 folio check --profile "$SCRATCH/none.yaml" "$EN"

# A missing file is a document error (1), and named.
expect_status "missing file" 1 folio check "$SCRATCH/missing.md"
expect_stderr "missing file named" "missing.md"

# Exit status by target.
expect_status "easy text passes" 0 folio check "$F/easy.md"
expect_grep "easy is ok" ": ok" "$OUT"
expect_status "hard text fails" 1 folio check "$F/hard.md"
expect_grep "hard is flagged" "ABOVE TARGET" "$OUT"
expect_grep "hard paragraph listed" "Paragraphs above grade 8" "$OUT"
expect_status "one hard article fails the run" 1 folio check "$F/easy.md" "$F/hard.md"
expect_status "a missing file fails the run" 1 folio check "$F/easy.md" "$SCRATCH/x.md"
expect_status "French easy text passes" 0 folio check "$F/facile.md"
expect_grep "French measured as French" "(fr)" "$OUT"

# The target: the profile's target-grade, overridden by --target.
expect_status "sample under default 8" 0 folio check "$EN"
expect_status "profile target 3" 1 folio check --profile "$F/target-3.yaml" "$EN"
expect_grep "profile target shown" "target 3" "$OUT"
expect_status "--target beats profile" 0 folio check --profile "$F/target-3.yaml" \
	--target 12 "$EN"
expect_status "-t short form" 1 folio check -t 2 "$EN"

# --json: one object per article per line, with the documented keys.
expect_status "json" 1 folio check --json "$EN" "$FR" "$F/hard.md"
cp "$OUT" "$SCRATCH/report.jsonl"
if python3 - "$SCRATCH/report.jsonl" "$EN" "$FR" <<'PY'
import json, math, sys
path, en, fr = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().splitlines()
assert len(lines) == 3, lines
keys = ["file", "lang", "words", "sentences", "syllables", "flesch_reading_ease",
        "flesch_kincaid_grade", "smog", "kandel_moles", "fernandez_huerta", "grade", "level", "target",
        "above_target", "hardest_sentences", "long_words", "paragraphs_over_target"]
objs = [json.loads(l) for l in lines]
for o in objs:
    assert list(o.keys()) == keys, list(o.keys())
    assert o["target"] == 8
    assert 1 <= len(o["hardest_sentences"]) <= 5
    assert len(o["long_words"]) <= 10
    for h in o["hardest_sentences"]:
        assert set(h) == {"text", "grade", "words"} and h["words"] >= 6
    g = [h["grade"] for h in o["hardest_sentences"]]
    assert g == sorted(g, reverse=True), g
    c = [w["count"] for w in o["long_words"]]
    assert c == sorted(c, reverse=True), c
    for p in o["paragraphs_over_target"]:
        assert p["grade"] > o["target"] and p["line"] > 0 and p["start"]
e, f, h = objs
assert e["file"] == en and e["lang"] == "en" and e["kandel_moles"] is None
assert f["file"] == fr and f["lang"] == "fr" and f["flesch_kincaid_grade"] is None
assert f["smog"] is None and f["kandel_moles"] is not None
assert e["grade"] == e["flesch_kincaid_grade"]
assert e["above_target"] is False and h["above_target"] is True
# English long words have 3+ syllables, French 4+.
assert all(w["syllables"] >= 3 for w in e["long_words"])
assert all(w["syllables"] >= 4 for w in f["long_words"])
# The sample articles are written for patients: a plain-language grade.
for o in (e, f):
    assert 5 <= o["grade"] <= 9.5, (o["file"], o["grade"])
    assert o["words"] > 300 and o["sentences"] > 20
print("en grade %.1f (FRE %.1f, SMOG %.1f); fr grade %.1f (Kandel-Moles %.1f)" %
      (e["grade"], e["flesch_reading_ease"], e["smog"], f["grade"], f["kandel_moles"]))
PY
then pass; else fail "json report"; fi

# Spanish has its own formula (Fernández Huerta); a language without one
# gets no grade rather than an English formula's.
expect_ok "spanish" folio check --json tests/fixtures/langs/es.md
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["lang"]=="es" and o["fernandez_huerta"] is not None and o["flesch_kincaid_grade"] is None and 0 < o["grade"] < 12, o' "$OUT" && pass || fail "spanish formula"
expect_ok "no formula" folio check tests/fixtures/langs/ru.md
expect_grep "no formula said" "no readability formula for 'ru'" "$OUT"
expect_ok "no formula json" folio check --json tests/fixtures/langs/ru.md
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["lang"]=="ru" and o["grade"] is None and o["flesch_reading_ease"] is None and o["above_target"] is False, o' "$OUT" && pass || fail "no formula json"

# --lang overrides the article's language.
expect_ok "lang override" folio check --json --lang fr "$F/easy.md"
expect_grep "measured as French" '"lang": "fr"' "$OUT"

# Same input, same report.
folio check --json "$EN" "$FR" >"$SCRATCH/a.jsonl" || true
folio check --json "$EN" "$FR" >"$SCRATCH/b.jsonl" || true
if cmp -s "$SCRATCH/a.jsonl" "$SCRATCH/b.jsonl"; then pass; else fail "report not deterministic"; fi


# An article without words has no score: said in words, never "nan".
printf -- '---\ntitle: Empty\n---\n' >"$SCRATCH/empty.md"
expect_ok "an empty article" folio check "$SCRATCH/empty.md"
expect_grep "empty: said so" "no text to measure" "$OUT"
expect_no_grep "empty: no nan" "nan" "$OUT"
finish
