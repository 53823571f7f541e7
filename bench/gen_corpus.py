#!/usr/bin/env python3
"""Writes a deterministic corpus of clinic articles in folio's Markdown.

    gen_corpus.py N OUTDIR            N articles, OUTDIR/article-00001.md ...
    gen_corpus.py --big BYTES FILE    one long article of about BYTES bytes

Articles have the shape folio is built for: front matter (title, author with a
credential, date, language, tags, summary), question headings, paragraphs with
emphasis and links, bulleted and numbered lists, a block quote, and a
"References" section of 3-10 citations with DOIs. The same arguments always
give the same bytes (a fixed-seed generator, no clock).
"""
import os
import random
import sys

TOPICS = [
    ("Low Back Pain", "back"), ("Knee Osteoarthritis", "knee"), ("Tennis Elbow", "elbow"),
    ("Plantar Heel Pain", "foot"), ("Whiplash", "neck"), ("Ankle Sprains", "ankle"),
    ("Rotator Cuff Pain", "shoulder"), ("Hip Bursitis", "hip"), ("Tension Headaches", "head"),
    ("Shin Splints", "leg"), ("Carpal Tunnel Syndrome", "wrist"), ("Sciatica", "back"),
    ("Patellofemoral Pain", "knee"), ("Achilles Tendinopathy", "ankle"), ("Jaw Pain", "jaw"),
]
QUESTIONS = [
    "What is {t}?", "Why does {t} happen?", "Is {t} serious?", "How can physiotherapy help?",
    "What can I do at home?", "When should I see someone?", "How long does recovery take?",
    "Which exercises are safe?",
]
AUTHORS = [
    ("Maya Okafor", "P.T."), ("Daniel Reyes", "PT, DPT"), ("Sofia Lindqvist", "MScPT"),
    ("Aaron Blake", "RMT"), ("Priya Natarajan", "DC"), ("Hélène Tremblay", "pht"),
]
SUBJECTS = ["Staying active", "Your physiotherapist", "Gentle movement", "A short daily routine",
            "Regular walking", "Good sleep", "Strength work", "A clear plan", "Pacing",
            "Early advice", "Heat or ice", "A graded return to sport"]
VERBS = ["helps", "reduces", "eases", "supports", "improves", "protects", "speeds up",
         "changes", "calms", "prepares"]
OBJECTS = ["the pain", "stiff joints", "tired muscles", "everyday tasks", "your confidence",
           "recovery", "the sensitive tissues", "balance", "posture", "the healing process",
           "your return to work", "night-time discomfort"]
TAILS = ["over a few weeks", "for most people", "when it is done regularly",
         "even when progress feels slow", "without any special equipment",
         "as long as the pain stays mild", "in the first days", "with a little patience"]
JOURNALS = [("Journal of Orthopaedic & Sports Physical Therapy", "10.2519/jospt"),
            ("British Journal of Sports Medicine", "10.1136/bjsports"),
            ("Physical Therapy", "10.1093/ptj"), ("Pain", "10.1097/j.pain"),
            ("Cochrane Database of Systematic Reviews", "10.1002/14651858"),
            ("BMC Musculoskeletal Disorders", "10.1186/s12891")]
SURNAMES = ["Smith", "Nguyen", "Garcia", "Müller", "Rossi", "Kowalski", "Haddad", "Ito",
            "Dubois", "Larsen", "Okoro", "Silva", "Chen", "Novak", "Andersen"]


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    r = rng.random()
    if r < 0.15:
        s = s.replace(" helps ", " *helps* ", 1)
    elif r < 0.25:
        words = s.split(" ")
        i = rng.randrange(1, len(words))
        words[i] = f"**{words[i]}**"
        s = " ".join(words)
    return s + "."


def paragraph(rng, n=None):
    return " ".join(sentence(rng) for _ in range(n or rng.randint(3, 6)))


def citation(rng, k):
    authors = ", ".join(f"{rng.choice(SURNAMES)} {chr(65 + rng.randrange(26))}"
                        for _ in range(rng.randint(1, 4)))
    journal, prefix = rng.choice(JOURNALS)
    year = rng.randint(2005, 2023)
    vol = rng.randint(5, 60)
    issue = rng.randint(1, 12)
    first = rng.randint(1, 900)
    title = f"{rng.choice(['Exercise', 'Manual therapy', 'Education', 'Load management'])} " \
            f"for {rng.choice(['chronic', 'acute', 'recurrent'])} " \
            f"{rng.choice(['pain', 'stiffness', 'tendinopathy'])}: " \
            f"{rng.choice(['a randomised trial', 'a systematic review', 'a cohort study'])}"
    doi = f"{prefix}.{year}.{k:04d}{rng.randrange(1000):03d}"
    return f"{authors}. {title}. {journal}. {year};{vol}({issue}):{first}-{first + rng.randint(5, 20)}. doi:{doi}"


def article(rng, i):
    topic, tag = rng.choice(TOPICS)
    name, cred = rng.choice(AUTHORS)
    date = f"20{rng.randint(18, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    out = ["---", f'title: "{topic}: What You Should Know ({i})"', f'author: "{name}, {cred}"',
           f"date: {date}", "lang: en", f"tags: [{tag}, physiotherapy, exercise]",
           f"summary: {paragraph(rng, 2)}", f"url: https://clinic.example/articles/{i}", "---", ""]
    qs = rng.sample(QUESTIONS, rng.randint(3, 5))
    for qi, q in enumerate(qs):
        out += [f"## {q.format(t=topic.lower())}", ""]
        for _ in range(rng.randint(1, 3)):
            out += [paragraph(rng), ""]
        if qi == 1:
            out += [f"- {sentence(rng)}" for _ in range(rng.randint(3, 5))] + [""]
        if qi == 2:
            out += [f"{k + 1}. {sentence(rng)}" for k in range(rng.randint(3, 5))] + [""]
            out += [f"> {sentence(rng)}", ""]
        if qi == 0:
            out += [f"Read more on [our website](https://clinic.example/{tag})."
                    f" {sentence(rng)}", ""]
    out += ["## References", ""]
    out += [f"{k + 1}. {citation(rng, k)}" for k in range(rng.randint(3, 10))]
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) == 4 and argv[1] == "--big":
        size, path = int(argv[2]), argv[3]
        rng = random.Random(1)
        head, refs = article(rng, 0).split("## References", 1)
        parts = [head]
        total = len(head.encode()) + len(refs.encode())
        k = 0
        while total < size:
            k += 1
            block = f"## Part {k}\n\n" + "\n\n".join(paragraph(rng) for _ in range(8)) + "\n\n"
            parts.append(block)
            total += len(block.encode())
        parts.append("## References" + refs)
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(parts))
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    n, outdir = int(argv[1]), argv[2]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(20241123)
    for i in range(1, n + 1):
        with open(os.path.join(outdir, f"article-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(article(rng, i))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
