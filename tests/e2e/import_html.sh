#!/bin/sh
# `folio export/inspect page.html`, `--from html`, batch over .html files and
# over a WordPress export (published posts only, pages on request, one bad
# post skipped, malformed XML refused with line:column).
set -eu
. "$(dirname "$0")/lib.sh"
F="$FOLIO_SOURCE_DIR/tests/fixtures"
O="$SCRATCH"

expect_ok "inspect a page" "$FOLIO_BIN" inspect "$F/html/wordpress.html"
cp "$SCRATCH/cmd.stdout" "$O/inspect.txt"
expect_grep "title without the site" "title        Five Ways to Ease Morning Back Stiffness$" "$O/inspect.txt"
expect_grep "date from the page" "2021-03-14" "$O/inspect.txt"

expect_ok "export a page to text" "$FOLIO_BIN" export "$F/html/wordpress.html" -f txt -o "$O/page.txt"
expect_grep "body kept" "rusty hinge" "$O/page.txt"
expect_no_grep "no cookie banner" "We use cookies" "$O/page.txt"
expect_no_grep "no comment form" "Leave a Reply" "$O/page.txt"

# A page saved without its extension is read as HTML when asked.
cp "$F/html/wordpress.html" "$O/saved-page"
expect_ok "--from html" "$FOLIO_BIN" export "$O/saved-page" --from html -f json -o "$O/page.json"
expect_grep "JSON has the author" '"name": "Marguerite Oduya"' "$O/page.json"

expect_ok "--explain lists what was removed" "$FOLIO_BIN" inspect --explain "$F/html/wordpress.html"
expect_grep "a removed element is reported" "boilerplate" "$SCRATCH/cmd.stdout"

mkdir -p "$O/pages"
cp "$F/html/"*.html "$O/pages/"
expect_ok "batch over .html files" "$FOLIO_BIN" batch "$O/pages" -o "$O/site" -f txt
expect_grep "the page became an article" "rusty hinge" "$O/site/wordpress/wordpress.txt"

# WordPress export.
X="$F/wxr/clinic-export.xml"
expect_status "one bad post fails the batch's status" 1 "$FOLIO_BIN" batch "$X" -o "$O/wp" -f txt,json --explain
expect_stderr "the bad post is named with its line" "clinic-export.xml:76:"
expect_stderr "a dropped shortcode is explained" "contact-form-7"
expect_grep "post title" "Getting back to running after a knee sprain" "$O/wp/running-after-knee-sprain/running-after-knee-sprain.txt"
expect_grep "author's display name, credentials split" '"credentials": "PT"' "$O/wp/running-after-knee-sprain/running-after-knee-sprain.json"
expect_grep "post date" '"date": "2022-05-10"' "$O/wp/running-after-knee-sprain/running-after-knee-sprain.json"
expect_grep "category as a tag" '"Knees"' "$O/wp/running-after-knee-sprain/running-after-knee-sprain.json"
expect_grep "[caption] became a figure" "A gentle quadriceps stretch" "$O/wp/running-after-knee-sprain/running-after-knee-sprain.txt"
expect_no_grep "shortcode text gone" "contact-form" "$O/wp/running-after-knee-sprain/running-after-knee-sprain.txt"
expect_no_grep "Gutenberg comments gone" "wp:paragraph" "$O/wp/running-after-knee-sprain/running-after-knee-sprain.txt"
expect_grep "classic post's paragraphs" "Your back likes variety" "$O/wp/desk-posture-myths/desk-posture-myths.txt"
expect_absent "no draft" "$O/wp/winter-falls"
expect_absent "no scheduled post" "$O/wp/hip-clinic"
expect_absent "no private post" "$O/wp/members"
expect_absent "no page by default" "$O/wp/about"
expect_absent "no attachment" "$O/wp/knee"
expect_absent "no menu item" "$O/wp/home"
expect_absent "the bad post is skipped" "$O/wp/broken-date"
expect_grep "a password-protected post is published: exported" "gentle walking" "$O/wp/group-class/group-class.txt"
expect_stderr "... with a warning naming its line" "clinic-export.xml:143: \"Exercises for our group class\" is password-protected"
expect_grep "a creator with a stray mark still finds the display name" "Hana Nakamura" "$O/wp/group-class/group-class.txt"
n=$(find "$O/wp" -name '*.txt' | wc -l)
if [ "$n" -eq 3 ]; then pass; else fail "exactly the good published posts: $n"; fi

expect_status "pages on request" 1 "$FOLIO_BIN" batch "$X" -o "$O/wp2" -f txt --include pages
expect_grep "the page is there" "since 2004" "$O/wp2/about/about.txt"
expect_status "--include takes pages" 2 "$FOLIO_BIN" batch "$X" -o "$O/wp3" --include drafts

# A malformed export: an error with line and column, nothing written.
sed 's|</channel>|</chanel>|' "$X" > "$O/broken.xml"
expect_status "malformed XML is refused" 1 "$FOLIO_BIN" batch "$O/broken.xml" -o "$O/wp4" -f txt
expect_stderr "line and column" "broken.xml:154:10:"
expect_absent "nothing half-written" "$O/wp4/running-after-knee-sprain"

finish
