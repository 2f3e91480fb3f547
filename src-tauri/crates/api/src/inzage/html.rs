//! The inzage as one self-contained HTML document in Dutch, ready to print on A4 or save as
//! PDF: inline CSS (with `@media print`), no script, no link to anything outside it. Every
//! value is HTML-escaped ([`escape`]); the only markup is this module's own.

use std::fmt::Write;

use super::{Inzage, InzageRecord, InzageSection};

/// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; margin: 0; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.doc { border-bottom: 3px solid #1f5f4a; padding-bottom: 0.75rem; margin-bottom: 1.25rem; }
h1 { font-size: 20pt; margin: 0 0 0.25rem; color: #1f5f4a; }
h2 { font-size: 14pt; margin: 1.75rem 0 0.25rem; color: #1f5f4a; border-bottom: 1px solid #c9d6d0; padding-bottom: 0.15rem; }
h3 { font-size: 11.5pt; margin: 1rem 0 0.35rem; }
h4 { font-size: 10.5pt; margin: 0.6rem 0 0.25rem; color: #444; }
p { margin: 0.25rem 0 0.5rem; }
.lead { font-size: 12pt; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.intro, .none { color: #444; }
.none { font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 0.25rem 0 0.75rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border: 1px solid #c9d6d0; overflow-wrap: anywhere; }
thead th { background: #eef4f1; }
tbody th { font-weight: 600; width: 38%; background: #f7faf8; }
.answers, .history { table-layout: fixed; }
.answers .c-q { width: 46%; }
.answers .c-a { width: 36%; }
.answers .c-by { width: 18%; }
.history .c-field { width: 34%; }
.history .c-old, .history .c-new { width: 33%; }
.history tr.group th { background: #eef4f1; font-weight: 600; border-top: 2px solid #9fb8ad; }
.history tr.group .by { font-weight: 400; }
.history tbody { break-inside: avoid; }
.old { color: #555; }
.record { break-inside: avoid; }
footer.doc { margin-top: 2rem; border-top: 1px solid #c9d6d0; padding-top: 0.5rem; color: #444; font-size: 9.5pt; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; }
  .history { font-size: 9pt; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn field_table(out: &mut String, rows: &[(String, String)]) {
    out.push_str("<table><tbody>\n");
    for (label, value) in rows {
        let _ = writeln!(out, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(label), escape(value));
    }
    out.push_str("</tbody></table>\n");
}

fn record(out: &mut String, r: &InzageRecord) {
    out.push_str("<div class=\"record\">\n");
    let _ = writeln!(out, "<h3>{}</h3>", escape(&r.title.nl));
    let rows: Vec<(String, String)> = r.fields.iter().map(|f| (f.label.nl.clone(), f.value.nl.clone())).collect();
    field_table(out, &rows);
    if !r.answers.is_empty() {
        out.push_str("<h4>Antwoorden</h4>\n<table class=\"answers\"><colgroup><col class=\"c-q\"><col class=\"c-a\"><col class=\"c-by\"></colgroup><thead><tr><th scope=\"col\">Vraag</th><th scope=\"col\">Antwoord</th><th scope=\"col\">Door</th></tr></thead><tbody>\n");
        for a in &r.answers {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&a.question.nl),
                escape(&a.value.nl),
                escape(&a.answered_by)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</div>\n");
}

fn section(out: &mut String, s: &InzageSection) {
    let _ = writeln!(out, "<section id=\"{}\">", escape(&s.id));
    let _ = writeln!(out, "<h2>{}</h2>", escape(&s.title.nl));
    let _ = writeln!(out, "<p class=\"intro\">{}</p>", escape(&s.intro.nl));
    if s.records.is_empty() {
        out.push_str("<p class=\"none\">Hierover bewaren wij niets.</p>\n");
    }
    for r in &s.records {
        record(out, r);
    }
    out.push_str("</section>\n");
}

/// The whole document.
pub fn render(inzage: &Inzage) -> String {
    let made_on = inzage.made_on.format("%d-%m-%Y").to_string();
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    // No script may run in this file, whatever it holds.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>Wat Keukentafel over u bewaart – {} – {made_on}</title>", escape(&inzage.household_name));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");

    out.push_str("<header class=\"doc\">\n<h1>Wat Keukentafel over u bewaart</h1>\n");
    out.push_str(
        "<p class=\"lead\">Dit overzicht is gemaakt op verzoek van het huishouden (AVG artikel 15: het recht op inzage). \
         Hierin staat alles wat wij in Keukentafel over uw huishouden bewaren, en elke wijziging daarin.</p>\n",
    );
    out.push_str("<dl class=\"meta\">\n");
    let _ = writeln!(out, "<dt>Huishouden</dt><dd>{}</dd>", escape(&inzage.household_name));
    let _ = writeln!(out, "<dt>Gemaakt op</dt><dd>{made_on}</dd>");
    if !inzage.made_by.is_empty() {
        let _ = writeln!(out, "<dt>Gemaakt door</dt><dd>{}</dd>", escape(&inzage.made_by));
    }
    if !inzage.organisation.is_empty() {
        let _ = writeln!(out, "<dt>Organisatie</dt><dd>{}</dd>", escape(&inzage.organisation));
    }
    let _ = writeln!(out, "<dt>Nummer in Keukentafel</dt><dd>{}</dd>", escape(&inzage.household_id.to_string()));
    out.push_str("</dl>\n</header>\n");

    for s in &inzage.sections {
        section(&mut out, s);
    }

    out.push_str("<section id=\"history\">\n<h2>Geschiedenis: alle wijzigingen</h2>\n");
    out.push_str(
        "<p class=\"intro\">Elke keer dat iemand iets vastlegde of veranderde: wanneer, wat, de oude en de nieuwe waarde, \
         en door wie. De oudste wijziging staat bovenaan.</p>\n",
    );
    if inzage.history.is_empty() {
        out.push_str("<p class=\"none\">Er zijn geen wijzigingen.</p>\n");
    } else {
        out.push_str(
            "<table class=\"history\"><colgroup><col class=\"c-field\"><col class=\"c-old\"><col class=\"c-new\"></colgroup>\
             <thead><tr><th scope=\"col\">Gegeven</th><th scope=\"col\">Was</th><th scope=\"col\">Werd</th></tr></thead>\n",
        );
        for g in &inzage.history {
            out.push_str("<tbody>\n");
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th colspan=\"3\" scope=\"rowgroup\"><span class=\"when\">{}</span> · <span class=\"what\">{}</span> · <span class=\"by\">door {}</span></th></tr>",
                escape(&g.when),
                escape(&g.record.nl),
                escape(&g.by)
            );
            for c in &g.changes {
                let old = c.old.as_ref().map(|o| o.nl.as_str()).unwrap_or("—");
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"old\">{}</td><td>{}</td></tr>",
                    escape(&c.field.nl),
                    escape(old),
                    escape(&c.new.nl)
                );
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");

    out.push_str(
        "<footer class=\"doc\">\n<p>Klopt er iets niet, of wilt u dat wij iets veranderen of wissen? Zeg het tegen uw \
         vrijwilliger of de coördinator. U hebt recht op verbetering (AVG artikel 16) en op wissen (AVG artikel 17).</p>\n",
    );
    let _ = writeln!(out, "<p>Wat Keukentafel over u bewaart · {} · {made_on}</p>\n</footer>", escape(&inzage.household_name));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("<script>alert(\"x\")</script> & 'y'"), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    }
}
