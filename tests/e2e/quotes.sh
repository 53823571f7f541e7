#!/bin/sh
# Typographic quotes: an English and a French article, typed with straight
# quotes, print the language's marks in PDF, text, HTML and JSON alike
# (one pass in core, folio/present.h); code keeps its quotes; a French « »
# never ends a line apart from its word; --straight-quotes keeps them typed.
set -eu
. "$FOLIO_SOURCE_DIR/tests/e2e/lib.sh"
cd "$SCRATCH"

cat > en.md <<'MD'
---
title: 'Sitting "well" at a desk'
lang: en
---

Your physiotherapist may say "move every half hour" and she means it. Don't
wait for pain: the patients' best results come from 'small' changes. A desk
for someone 5'10" tall sits about 29" high.

"When I asked about the chair, she told me 'use a cushion' first," one patient
wrote.

Type `setup --height="74"` to store it, or read https://example.org/desk's-guide.
MD

cat > fr.md <<'MD'
---
title: Le "bon" fauteuil
lang: fr
---

Votre physiothérapeute dira "bougez toutes les demi-heures" et c'est vrai.
N'attendez pas la douleur : l'épaule et le dos aiment les "petites" pauses,
aujourd'hui comme demain. On parle de "posture dynamique", de "micro-pauses",
de "réglages simples", de "pieds à plat", de "coudes proches", de "regard
droit", de "poignets neutres" et de "dos soutenu" : autant de "conseils" qui
tiennent en une "page".

Elle a répondu : "C'est 'très' simple."
MD

for lang in en fr; do
	for fmt in pdf txt html json; do
		expect_ok "$lang: $fmt export" "$FOLIO_BIN" export $lang.md -o $lang.$fmt
	done
	pdftotext -enc UTF-8 $lang.pdf $lang.pdf.txt
	pdffonts $lang.pdf > $lang.fonts
done
expect_ok "straight: text export" "$FOLIO_BIN" export fr.md --straight-quotes -o fr-straight.txt
expect_ok "straight: json export" "$FOLIO_BIN" export en.md --straight-quotes -o en-straight.json

expect_ok "marks in every format" python3 - <<'PY'
import html, json, re

def json_text(path):
    out = []
    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("text", "title") and isinstance(x, str):
                    out.append(x)
                else:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(json.load(open(path, encoding="utf-8")))
    return "\n".join(out)

def html_text(path):
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"<(script|style)\b.*?</\1>", "", s, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", s))

def flat(s):
    # lines joined (a wrapped line breaks at a space), spaces folded
    return re.sub(r"[ \t\n\u00a0]+", " ", s)

read = {
    "pdf": lambda l: open(l + ".pdf.txt", encoding="utf-8").read(),
    "txt": lambda l: open(l + ".txt", encoding="utf-8").read(),
    "html": lambda l: html_text(l + ".html"),
    "json": lambda l: json_text(l + ".json"),
}
NN = "[\u202f ]"  # pdftotext reads U+202F as a space
want = {
    "en": ["“well”", "“move every half hour”", "Don’t", "patients’", "‘small’", "5′10″", "29″",
           "“When I asked about the chair, she told me ‘use a cushion’ first,”"],
    "fr": ["«" + NN + "bon" + NN + "»", "«" + NN + "bougez toutes les demi-heures" + NN + "»",
           "c’est", "N’attendez", "l’épaule", "aujourd’hui",
           "«" + NN + "C’est «" + NN + "très" + NN + "» simple." + NN + "»"],
}
bad = []
for lang, snippets in want.items():
    for fmt, get in read.items():
        text = flat(get(lang))
        for s in snippets:
            if not re.search(s if lang == "fr" else re.escape(s), text):
                bad.append(f"{lang}.{fmt}: no {s!r}")
        if re.search(r"\w'\w|\s\"\w|\w\"\s", text.replace('="74"', "").replace("desk's-guide", "")):
            bad.append(f"{lang}.{fmt}: a straight quote left in prose: "
                       + repr(re.findall(r".{12}(?:\w'\w|\s\"\w|\w\"\s).{12}", text)[:3]))
        if lang == "fr" and fmt != "json":
            # a French mark stays on the line of its word
            for line in get(lang).split("\n"):
                if line.rstrip().endswith("«") or line.lstrip().startswith("»"):
                    bad.append(f"fr.{fmt}: a line breaks inside « »: {line!r}")
    # code and URLs keep what was typed
    if lang == "en":
        for fmt, get in read.items():
            text = get(lang)
            if fmt == "pdf":  # a URL may break across lines (before a '.')
                text = text.replace("\n", "")
            for s in ('--height="74"', "https://example.org/desk's-guide"):
                if s not in text:
                    bad.append(f"en.{fmt}: {s!r} was changed")
# --straight-quotes keeps the quotes typed
if '"bougez toutes les demi-heures"' not in flat(open("fr-straight.txt", encoding="utf-8").read()):
    bad.append("--straight-quotes: the text export is not straight")
if "Don't" not in json_text("en-straight.json"):
    bad.append("--straight-quotes: the JSON export is not straight")
import sys
print("\n".join(bad), file=sys.stderr)
raise SystemExit(1 if bad else 0)
PY

# Liberation draws every mark: no other face, nothing missing.
for lang in en fr; do
	expect_no_grep "$lang: only Liberation faces" "Noto\|DejaVu" $lang.fonts
	expect_grep "$lang: Liberation Sans embedded" "LiberationSans" $lang.fonts
done
expect_ok "a bad option is refused" sh -c "! \"$FOLIO_BIN\" export en.md --stright-quotes -o x.txt 2>err.txt"
expect_grep "the refusal names --straight-quotes" "straight-quotes" err.txt

finish
