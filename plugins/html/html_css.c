/* folio html exporter: the stylesheet, shared by the page (inline) and the
 * "css" format (one file for a whole site's pages and its index). */
#include <stdio.h>

#include "html.h"

/* Body text 18px (never below 16), #1a1a1a on white (17:1); the accent,
 * darkened beforehand if needed, colours headings and links only. */
static const char default_css[] =
    ":root{--text:#1a1a1a;--muted:#4a4a4a;--rule:#d5d9dc;--bg:#fff;--soft:#f4f6f7}\n"
    "*{box-sizing:border-box}\n"
    "html{font-size:112.5%;-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--text);"
    "font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.6}\n"
    /* A font stack that covers each script: the Noto faces Debian ships
     * (fonts-noto-core, fonts-noto-cjk), as the PDF uses; Chinese,
     * Japanese and Korean each get their own CJK face. */
    ":lang(ar),:lang(fa),:lang(ur),:lang(ps){font-family:\"Noto Sans Arabic\",\"Noto Naskh Arabic\","
    "\"Liberation Sans\",sans-serif}\n"
    ":lang(he),:lang(yi){font-family:\"Noto Sans Hebrew\",\"Liberation Sans\",sans-serif}\n"
    ":lang(hi),:lang(mr),:lang(ne){font-family:\"Noto Sans Devanagari\",\"Liberation Sans\","
    "sans-serif}\n"
    ":lang(pa){font-family:\"Noto Sans Gurmukhi\",\"Liberation Sans\",sans-serif}\n"
    ":lang(th){font-family:\"Noto Sans Thai\",\"Liberation Sans\",sans-serif}\n"
    ":lang(zh){font-family:\"Noto Sans CJK SC\",\"Liberation Sans\",sans-serif}\n"
    ":lang(zh-Hant),:lang(zh-TW),:lang(zh-HK),:lang(zh-MO){font-family:\"Noto Sans CJK TC\","
    "\"Liberation Sans\",sans-serif}\n"
    ":lang(ja){font-family:\"Noto Sans CJK JP\",\"Liberation Sans\",sans-serif}\n"
    ":lang(ko){font-family:\"Noto Sans CJK KR\",\"Liberation Sans\",sans-serif}\n"
    ":lang(zh),:lang(ja){line-break:strict}\n"
    "main{max-width:42rem;margin:0 auto;padding:2rem 1.25rem;overflow-wrap:break-word}\n"
    "main:focus{outline:none}\n"
    ".skip{position:absolute;inset-inline-start:.5rem;top:-10rem;z-index:1;background:var(--bg);"
    "color:var(--accent);padding:.5rem 1rem;border:2px solid var(--accent)}\n"
    ".skip:focus{top:.5rem}\n"
    ":focus-visible{outline:3px solid var(--accent);outline-offset:2px}\n"
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);"
    "white-space:nowrap}\n"
    "article header{border-bottom:4px solid "
    "var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}\n"
    "h1,h2,h3,h4,h5,h6{color:var(--accent);line-height:1.25;margin:1.6em 0 .5em}\n"
    "h1{font-size:2.1rem;margin-top:0}\n"
    "h2{font-size:1.45rem}\nh3{font-size:1.2rem}\nh4,h5,h6{font-size:1.05rem}\n"
    ".subtitle{font-size:1.2rem;color:var(--muted);margin:.25rem 0 1rem}\n"
    ".byline{margin:0;color:var(--muted);font-size:1rem}\n"
    "a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:2px}\n"
    "a:focus,a:hover{text-decoration-thickness:2px}\n"
    "blockquote{margin:1.5rem 0;padding:.75rem 1.25rem;border-inline-start:4px solid var(--accent);"
    "background:var(--soft)}\n"
    "blockquote p{margin:.25rem 0}\n"
    "figure{margin:1.5rem 0}\nimg{max-width:100%;height:auto}\n"
    "figcaption{color:var(--muted);font-size:.95rem;margin-top:.4rem}\n"
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.75rem;"
    "font-size:.95rem}\n"
    "code{font-family:\"Liberation Mono\",Consolas,monospace}\n"
    ".table-wrap{overflow-x:auto;margin:1.5rem 0}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:1px solid var(--rule);padding:.4rem .6rem;text-align:start;vertical-align:top}\n"
    "thead th{background:var(--soft)}\n"
    ".al-c{text-align:center}.al-r{text-align:end}\n"
    "li{margin:.3rem 0}\n"
    ".references{margin-top:2.5rem;border-top:1px solid var(--rule)}\n"
    ".references ol{font-size:1rem;padding-inline-start:1.5rem}\n"
    ".references li{margin:.6rem 0;overflow-wrap:anywhere}\n"
    "footer{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;"
    "color:var(--muted);font-size:1rem}\n"
    "footer .clinic{font-weight:bold;color:var(--text)}\n"
    "footer address{font-style:normal}\n"
    ".disclaimer{font-size:1rem;background:var(--soft);padding:.75rem 1rem}\n"
    "@media (max-width:36rem){html{font-size:100%}h1{font-size:1.7rem}main{padding:1.25rem 1rem}}\n"
    "@media print{html{font-size:12pt}body{color:#000}main,footer{max-width:none;padding:0}"
    "a{color:#000}a[href^=\"http\"]:after{content:\" (\" attr(href) \")\";font-size:.85em}"
    "h1,h2,h3{color:#000;break-after:avoid}figure,blockquote,table,li{break-inside:avoid}"
    ".disclaimer{background:none;border:1px solid #000}}\n";

/* The site index (folio batch) and its entries. */
static const char index_css[] =
    ".site-index header{border-bottom:4px solid var(--accent);margin-bottom:1rem}\n"
    ".entries{list-style:none;padding:0;margin:0}\n"
    ".entry{border-bottom:1px solid var(--rule);padding:1rem 0}\n"
    ".entry h2{margin:0 0 .3rem;font-size:1.3rem}\n"
    ".entry .meta{color:var(--muted);margin:.2rem 0 .5rem}\n"
    ".tags{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
    ".tags li{margin:0;background:var(--soft);padding:.1rem .6rem;border-radius:.3rem;"
    "font-size:.9rem}\n"
    ".formats{margin:.3rem 0 0;font-size:.95rem}\n";

void html_css(folio_sink *sink, unsigned long accent)
{
	folio_sink_printf(sink, ":root{--accent:#%06lx}\n", accent);
	folio_sink_puts(sink, default_css);
	folio_sink_puts(sink, index_css);
}
