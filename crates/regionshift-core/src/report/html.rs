//! The offline HTML report: one self-contained file that needs no network, no
//! RegionShift and no JavaScript.
//!
//! [`render`] writes inline CSS (with a print stylesheet), inline SVG charts (readiness
//! split, cost by category, a layered dependency graph, a Gantt chart of the waves),
//! every section as plain HTML, the machine-readable copy (see `embed`) as JSON in
//! `<script type="application/json" id="regionshift-analysis">`, and one small inline
//! script ([`SCRIPT`]) that adds sorting and filtering to tables. The file's own CSP
//! allows nothing but inline styles, `data:` images and that script, by its SHA-256
//! ([`script_hash`]).
//!
//! Every string from the model is escaped for where it goes: [`escape`] for HTML text,
//! attribute values (always double-quoted) and SVG text; [`json_for_script`] for the
//! embedded JSON. Links are written only for `https:` addresses.

use std::fmt::Write as _;

use base64::Engine as _;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::{Report, SourcesView, EMBEDDED_ID};
use crate::units::{Amount, Currency, Hours, Money};

/// The one inline script: sorting (click a header) and filtering (a search box the
/// script adds) for tables of class `sortable`. The report reads the same without it.
pub const SCRIPT: &str = r#"(function(){function k(c){if(!c)return"";var v=c.textContent;if(c.className==="num"){var n=parseFloat(v.replace(/,/g,""));return isNaN(n)?v:n}return v.toLowerCase()}document.querySelectorAll("table.sortable").forEach(function(t){var b=t.tBodies[0];if(!b)return;var f=document.createElement("input");f.type="search";f.placeholder="Filter rows";f.className="filter";f.setAttribute("aria-label","Filter rows");f.addEventListener("input",function(){var q=f.value.toLowerCase();Array.prototype.forEach.call(b.rows,function(r){r.hidden=q!==""&&r.textContent.toLowerCase().indexOf(q)<0})});t.parentNode.insertBefore(f,t);var hs=t.tHead?t.tHead.rows[0].cells:[];Array.prototype.forEach.call(hs,function(h,i){h.tabIndex=0;h.className+=" sort";function go(){var d=h.getAttribute("aria-sort")==="ascending"?-1:1;Array.prototype.forEach.call(hs,function(x){x.removeAttribute("aria-sort")});h.setAttribute("aria-sort",d>0?"ascending":"descending");var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=k(x.cells[i]),c=k(y.cells[i]);if(typeof a!==typeof c){a=String(a);c=String(c)}return(a<c?-1:a>c?1:0)*d});rows.forEach(function(r){b.appendChild(r)})}h.addEventListener("click",go);h.addEventListener("keydown",function(e){if(e.key==="Enter")go()})})})})();"#;

/// Most resources the dependency graph draws (the tables list every one).
const GRAPH_NODES: usize = 160;
/// Most task rows the Gantt chart draws (every wave is drawn; the tables list all tasks).
const GANTT_TASKS: usize = 200;

const CSS: &str = "\
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--ready:#2da44e;--cond:#9a6700;--notready:#cf222e;--unknown:#8c959f;--accent:#0969da}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}
h3{font-size:16px;margin:20px 0 6px}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
a{color:var(--accent)}
.muted{color:var(--muted)}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:12px 0}
.figure{border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.figure b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
.subtitle{font-size:16px;margin:0 0 4px}
.top-blockers{margin:4px 0 12px;padding-left:22px}
th{background:#f6f8fa}
th.sort{cursor:pointer}
th[aria-sort=ascending]::after{content:\" \\25B2\"}
th[aria-sort=descending]::after{content:\" \\25BC\"}
td.num,th.num{text-align:right;white-space:nowrap}
.filter{margin:4px 0;padding:4px 6px;width:260px;max-width:100%}
.caveat{border-left:4px solid var(--cond);background:#fff8c5;padding:8px 12px}
.sev-blocker{color:var(--notready);font-weight:600}
.sev-warning{color:var(--cond);font-weight:600}
.sources{margin-top:4px;font-size:12px;color:var(--muted)}
.sources ul{margin:2px 0 0;padding-left:16px}
.sources li.deciding{color:var(--fg)}
svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
svg text{fill:var(--fg)}
.r-ready{fill:var(--ready)}.r-ready-with-conditions{fill:var(--cond)}.r-not-ready{fill:var(--notready)}.r-unknown{fill:var(--unknown)}
.bar{fill:var(--accent)}
.bar-source{fill:#8c959f}
.node rect{fill:#f6f8fa;stroke:#57606a}
.edge{stroke:#8c959f;stroke-width:1;fill:none}
.edge-must{stroke:#57606a;stroke-width:1.4}
.wave-bar{fill:#54aeff}
.task-bar{fill:#0969da}
.axis{stroke:#d0d7de}
details{margin:6px 0}
footer{border-top:1px solid var(--line);margin-top:32px;padding:12px 24px;color:var(--muted)}
@media print{
nav,.filter{display:none}
body{font-size:11px}
header,main,footer{max-width:none;padding:0}
section{break-before:page}
section:first-of-type{break-before:auto}
#summary .figures{grid-template-columns:repeat(4,1fr);gap:6px}
#summary .figure{padding:4px 8px}
#summary .figure b{font-size:16px}
#summary svg{max-height:90px}
@page wide{size:A4 landscape}
#methods,#cost,#plan{page:wide}
#methods table{font-size:8.5px}
#methods td,#methods th{padding:2px 3px}
h2,h3{break-after:avoid}
thead{display:table-header-group}
tr{break-inside:avoid}
svg{break-inside:avoid}
details{display:block}
a{color:inherit;text-decoration:none}
}
";

/// `sha256-…` of [`SCRIPT`], as the CSP names it.
pub fn script_hash() -> String {
    let digest = Sha256::digest(SCRIPT.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The Content-Security-Policy of the report file.
pub fn content_security_policy() -> String {
    format!("default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; img-src data:", script_hash())
}

/// Escapes text for HTML text, double-quoted attribute values and SVG text. C0 control
/// characters other than tab and line breaks become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// JSON made safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and
/// U+2029 as `\u` escapes (they only ever occur inside JSON strings, where the escape
/// means the same character).
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the self-contained offline report.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.resources.len() * 1200);
    let html = &mut out;
    let target = report.summary.target_name.clone().unwrap_or_else(|| "no target".to_string());
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"{}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>RegionShift migration report: {} ({})</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        content_security_policy(),
        escape(&report.generator),
        escape(&target),
        escape(&report.date)
    );
    header(html, report);
    html.push_str("<main>\n");
    summary(html, report);
    comparison(html, report);
    scope(html, report);
    readiness(html, report);
    methods(html, report);
    cost(html, report);
    plan(html, report);
    caveat(html, report);
    glossary(html, report);
    html.push_str("</main>\n");
    let _ = writeln!(
        html,
        "<footer>Made by {} on {}. Catalog snapshot {}{}. This file contains the estate's data{}; it makes no request to any origin.</footer>",
        escape(&report.generator),
        escape(&report.date),
        escape(&report.scope.catalog_as_of),
        report.scope.price_snapshot_as_of.as_deref().map(|d| format!(", price snapshot {}", escape(d))).unwrap_or_default(),
        if report.redacted { " with names, ids, tags and addresses replaced by pseudonyms" } else { "" }
    );
    let json = super::embed::embedded_json(report);
    let _ = write!(
        html,
        "<script type=\"application/json\" id=\"{EMBEDDED_ID}\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        json_for_script(&json)
    );
    out
}

fn header(html: &mut String, report: &Report) {
    let s = &report.summary;
    let to = s.target_name.as_deref().map(|t| format!("to {}", escape(t)));
    match report.project.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(project) => {
            let _ = write!(
                html,
                "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">Migration report{}</p>\n",
                escape(project),
                to.map(|t| format!(" {t}")).unwrap_or_default()
            );
        }
        None => {
            let _ = write!(
                html,
                "<header>\n<h1>Migration report{}</h1>\n",
                to.map(|t| format!(": {t}")).unwrap_or_default()
            );
        }
    }
    let _ = write!(
        html,
        "<p class=\"muted\">{} resources · report date {}{} · {}{}</p>\n<nav><ul>",
        s.resources,
        escape(&report.date),
        report
            .author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| format!(" · prepared by {}", escape(a)))
            .unwrap_or_default(),
        escape(&report.generator),
        if report.redacted { " · redacted" } else { "" }
    );
    let comparison = report.comparison.is_some().then_some(("comparison", "Comparison of targets"));
    for (id, label) in [("summary", "Summary")].into_iter().chain(comparison).chain([
        ("scope", "Scope"),
        ("readiness", "Readiness"),
        ("methods", "Migration methods"),
        ("cost", "Cost"),
        ("plan", "Plan"),
        ("caveat", "Caveat"),
        ("glossary", "Glossary"),
    ]) {
        let _ = write!(html, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    html.push_str("</ul></nav>\n</header>\n");
}

fn figure(html: &mut String, value: &str, label: &str) {
    let _ = write!(html, "<div class=\"figure\"><b>{}</b>{}</div>", escape(value), escape(label));
}

fn summary(html: &mut String, report: &Report) {
    let s = &report.summary;
    html.push_str(
        "<section id=\"summary\" data-testid=\"report-summary\">\n<h2>Executive summary</h2>\n<div class=\"figures\">",
    );
    figure(html, &s.resources.to_string(), "resources in scope");
    for count in &s.readiness {
        figure(html, &count.count.to_string(), &count.label);
    }
    figure(html, &s.blockers.to_string(), "blockers");
    if let Some(tally) = s.decisions.filter(|t| t.waived + t.accepted + t.needs_work + t.owned > 0) {
        let _ = write!(
            html,
            "<div class=\"figure\" data-testid=\"report-decisions\"><b>{}</b>decisions: {}</div>",
            tally.blockers + tally.warnings,
            escape(&tally.to_string())
        );
    }
    if let Some(cost) = &s.cost {
        figure(html, &cost.target_text(), "monthly in the target");
        match &cost.spend {
            Some(spend) => figure(html, &spend.amount(), &format!("monthly today, actual spend ({})", spend.period)),
            None => figure(html, &cost.list_price_text(), "monthly today"),
        }
        if let (Some(delta), Some(scope)) = (cost.delta(), cost.delta_scope()) {
            figure(html, &delta.change().to_string(), &format!("monthly difference {scope}"));
        }
        if let Some(percent) = cost.target_priced_percent {
            figure(html, &percent.to_string(), "of resources priced in the target");
        }
    }
    figure(html, &s.waves.to_string(), "waves");
    figure(html, &s.total_hours.to_string(), "total duration");
    html.push_str("</div>\n");
    estate_line(html, report);
    if !s.top_blockers.is_empty() {
        html.push_str("<h3>Top blockers</h3>\n<ol class=\"top-blockers\" data-testid=\"report-top-blockers\">");
        for rule in &s.top_blockers {
            let _ = write!(
                html,
                "<li data-rule=\"{}\"><a href=\"#readiness\">{}</a> blocks {}: fails the check “{}”</li>",
                escape(&rule.key),
                escape(&rule.key),
                counted(rule.count, "resource", "resources"),
                escape(rule.label.trim_end_matches('.'))
            );
        }
        html.push_str("</ol>\n");
    }
    if !s.readiness.is_empty() {
        html.push_str("<h3>Readiness split</h3>\n");
        readiness_chart(html, report);
    }
    if !s.blockers_by_category.is_empty() {
        html.push_str("<h3>Blockers by category</h3>\n<table><thead><tr><th>Category</th><th class=\"num\">Blockers</th></tr></thead><tbody>");
        for count in &s.blockers_by_category {
            let _ = write!(html, "<tr><td>{}</td><td class=\"num\">{}</td></tr>", escape(&count.label), count.count);
        }
        html.push_str("</tbody></table>\n");
    }
    if let Some(cost) = &s.cost {
        let _ = writeln!(
            html,
            "<p>Monthly cost in the target: <b>{}</b> against <b>{}</b> today{}. {} resources could not be priced in the target and count in no total{}.</p>",
            escape(&cost.target_text()),
            escape(&cost.today_text()),
            match (cost.delta(), cost.delta_scope()) {
                (Some(d), Some(scope)) => format!(" (difference {} {})", escape(&d.change().to_string()), escape(&scope)),
                _ => String::new(),
            },
            cost.unpriced_in_target,
            cost.source_cost_coverage_percent
                .map(|p| format!("; the target figure covers {p} of today's priced cost"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(
        html,
        "<p>The plan moves the estate in {} over {}, with {}, {} and {}.</p>\n</section>",
        counted(s.waves, "wave", "waves"),
        s.total_hours,
        counted(s.dependencies, "dependency", "dependencies"),
        counted(s.cycles, "cycle", "cycles"),
        counted(s.external_dependencies, "external dependency", "external dependencies")
    );
}

/// Where the estate runs and where it goes, in one sentence.
fn estate_line(html: &mut String, report: &Report) {
    const NAMED: usize = 4;
    let regions: Vec<&String> = report.scope.source_regions.iter().filter(|r| r.as_str() != "global").collect();
    let mut from = regions.iter().take(NAMED).map(|r| escape(r)).collect::<Vec<_>>().join(", ");
    if regions.len() > NAMED {
        let _ = write!(from, " and {} more", regions.len() - NAMED);
    }
    if regions.len() < report.scope.source_regions.len() {
        from.push_str(if regions.is_empty() { "global services only" } else { ", with global services" });
    }
    let s = &report.summary;
    let _ = writeln!(
        html,
        "<p class=\"estate\">{} in {}{}{}.</p>",
        counted(s.resources, "resource", "resources"),
        if from.is_empty() { "no known region".to_string() } else { from },
        s.target_name.as_deref().map(|t| format!(", moving to <b>{}</b>", escape(t))).unwrap_or_default(),
        if s.crosses_clouds { " (across clouds: a redeployment, not a region move)" } else { "" }
    );
}

/// Resources listed per target as Not ready there and ready elsewhere, before "and N
/// more" (the JSON export lists them all).
const READY_ELSEWHERE_ROWS: usize = 50;

/// The comparison of targets, when the report has one: the suggestion and its reasons, a
/// sortable table of the targets, and per target what blocks, the resources Not ready
/// there and ready elsewhere, its pair and its restriction.
fn comparison(html: &mut String, report: &Report) {
    let Some(section) = &report.comparison else { return };
    html.push_str("<section id=\"comparison\" data-testid=\"report-comparison\">\n<h2>Comparison of targets</h2>\n");
    let _ = writeln!(
        html,
        "<p>{} targets ranked by {} (<code>{}</code>){}.</p>",
        section.rows.len(),
        escape(&section.rule),
        escape(&section.ranking),
        section
            .today
            .as_ref()
            .map(|today| format!("; today the estate costs {} a month", escape(&today.money().to_string())))
            .unwrap_or_default()
    );
    if let Some(suggestion) = &section.suggestion {
        let _ = write!(
            html,
            "<h3>Suggestion: {} ({})</h3>\n<ul data-testid=\"report-suggestion\">",
            escape(&suggestion.target_name),
            escape(&suggestion.target)
        );
        for reason in &suggestion.reasons {
            html.push_str("<li>");
            push_escaped(html, reason);
            html.push_str("</li>");
        }
        html.push_str("</ul>\n");
    }
    table_start(
        html,
        "comparison-table",
        &[
            "#Rank",
            "Target",
            "Cloud",
            "#Ready",
            "#With conditions",
            "#Not ready",
            "#Unknown",
            "#Blockers",
            "#Monthly",
            "#Priced",
            "#Change",
            "#Plan",
            "#Waves",
            "Notes",
        ],
    );
    for row in &section.rows {
        html.push_str("<tr>");
        num_cell(html, row.rank);
        cell(html, &format!("{} ({})", row.target_name, row.target));
        cell(html, &row.cloud);
        num_cell(html, row.count("ready"));
        num_cell(html, row.count("ready-with-conditions"));
        num_cell(html, row.count("not-ready"));
        num_cell(html, row.count("unknown"));
        num_cell(html, row.blockers);
        num_cell(html, row.money());
        num_cell(html, row.priced_percent.map_or("n/a".to_string(), |p| p.to_string()));
        num_cell(html, row.change().map_or("n/a".to_string(), |c| c.change().to_string()));
        num_cell(html, row.plan_hours);
        num_cell(html, row.waves);
        let notes = row.notes();
        cell(html, &notes.join(", "));
        html.push_str("</tr>\n");
    }
    table_end(html);
    for row in &section.rows {
        let _ = writeln!(
            html,
            "<details><summary>{}. {} ({}): {}, {} Not ready here and ready elsewhere</summary>",
            row.rank,
            escape(&row.target_name),
            escape(&row.target),
            counted(row.blockers, "blocker", "blockers"),
            row.ready_elsewhere.len()
        );
        if !row.blocked.is_empty() {
            html.push_str("<table><thead><tr><th>What blocks</th><th>Rule</th><th class=\"num\">Resources</th></tr></thead><tbody>");
            for blocked in &row.blocked {
                html.push_str("<tr>");
                cell(html, &blocked.what);
                cell(html, &format!("{} {}", blocked.rule, blocked.rule_name));
                num_cell(html, blocked.resources);
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>\n");
        }
        if !row.ready_elsewhere.is_empty() {
            html.push_str("<table><thead><tr><th>Not ready here</th><th>Ready in</th></tr></thead><tbody>");
            for resource in row.ready_elsewhere.iter().take(READY_ELSEWHERE_ROWS) {
                html.push_str("<tr>");
                cell(html, resource_name(report, resource.resource));
                cell(html, &resource.ready_in.join(", "));
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>\n");
            if row.ready_elsewhere.len() > READY_ELSEWHERE_ROWS {
                let _ = writeln!(
                    html,
                    "<p class=\"muted\">and {} more (the JSON export lists them all)</p>",
                    row.ready_elsewhere.len() - READY_ELSEWHERE_ROWS
                );
            }
        }
        if let Some(paired) = &row.paired {
            let _ = writeln!(
                html,
                "<p>Pair for disaster recovery: {} ({}): {}.</p>",
                escape(&paired.region_name),
                escape(&paired.region),
                escape(&paired.readiness())
            );
        }
        if !row.notice.is_empty() {
            let _ = writeln!(
                html,
                "<p class=\"caveat\">{}: {}</p>",
                if row.restricted { "Access-restricted" } else { "Notice" },
                escape(&row.notice)
            );
        }
        html.push_str("</details>\n");
    }
    html.push_str("</section>\n");
}

/// `1 cycle`, `2 cycles`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn readiness_chart(html: &mut String, report: &Report) {
    let counts = &report.summary.readiness;
    let total: usize = counts.iter().map(|c| c.count).sum();
    let width = 600.0;
    let _ = write!(
        html,
        "<svg role=\"img\" aria-label=\"Readiness split\" viewBox=\"0 0 {width} 70\" width=\"{width}\" height=\"70\">"
    );
    let mut x = 0.0;
    for count in counts {
        let w = if total == 0 { 0.0 } else { width * count.count as f64 / total as f64 };
        if w > 0.0 {
            let _ = write!(
                html,
                "<rect class=\"r-{}\" x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"28\"><title>{}: {}</title></rect>",
                escape(&count.key),
                escape(&count.label),
                count.count
            );
        }
        x += w;
    }
    let mut legend_x = 0.0;
    for count in counts {
        let _ = write!(
            html,
            "<rect class=\"r-{}\" x=\"{legend_x:.1}\" y=\"44\" width=\"12\" height=\"12\"/><text x=\"{:.1}\" y=\"55\">{} {}</text>",
            escape(&count.key),
            legend_x + 16.0,
            escape(&count.label),
            count.count
        );
        // Each entry as wide as its text (about 7 units a character at this size).
        legend_x += 16.0 + 7.0 * (count.label.chars().count() + count.count.to_string().len() + 1) as f64 + 20.0;
    }
    html.push_str("</svg>\n");
}

fn table_start(html: &mut String, testid: &str, headers: &[&str]) {
    let _ = write!(html, "<table class=\"sortable\" data-testid=\"{testid}\"><thead><tr>");
    for header in headers {
        let (class, text) = match header.strip_prefix('#') {
            Some(text) => (" class=\"num\"", text),
            None => ("", *header),
        };
        let _ = write!(html, "<th{class}>{}</th>", escape(text));
    }
    html.push_str("</tr></thead><tbody>\n");
}

fn table_end(html: &mut String) {
    html.push_str("</tbody></table>\n");
}

fn cell(html: &mut String, text: &str) {
    html.push_str("<td>");
    push_escaped(html, text);
    html.push_str("</td>");
}

fn num_cell(html: &mut String, value: impl std::fmt::Display) {
    html.push_str("<td class=\"num\">");
    push_escaped(html, &value.to_string());
    html.push_str("</td>");
}

fn link(url: &str) -> String {
    if url.starts_with("https://") {
        format!("<a href=\"{}\" rel=\"noreferrer\">{}</a>", escape(url), escape(url))
    } else {
        escape(url)
    }
}

fn resource_name(report: &Report, position: usize) -> &str {
    report.resources.get(position).map_or("", |r| r.name.as_str())
}

fn scope(html: &mut String, report: &Report) {
    let s = &report.scope;
    html.push_str("<section id=\"scope\">\n<h2>Scope</h2>\n<h3>Input files</h3>\n");
    table_start(
        html,
        "report-files",
        &["File", "Format", "#Size (bytes)", "#Records", "#Imported", "#Skipped", "Error"],
    );
    for file in &s.files {
        html.push_str("<tr>");
        cell(html, &file.name);
        cell(html, &file.format);
        num_cell(html, file.size);
        num_cell(html, file.records);
        num_cell(html, file.imported);
        num_cell(html, file.skipped);
        cell(html, file.error.as_deref().unwrap_or(""));
        html.push_str("</tr>\n");
    }
    table_end(html);
    html.push_str("<h3>Data and options</h3>\n<table><tbody>");
    let mut rows: Vec<(String, String)> = vec![
        ("Source regions".to_string(), s.source_regions.join(", ")),
        ("Catalog snapshot".to_string(), s.catalog_as_of.clone()),
        (
            "Catalog files loaded".to_string(),
            if s.catalog_user_files.is_empty() { "none".to_string() } else { s.catalog_user_files.join(", ") },
        ),
    ];
    if let Some(date) = &s.price_snapshot_as_of {
        rows.push(("Price snapshot".to_string(), date.clone()));
        rows.push((
            "Price files loaded".to_string(),
            if s.price_user_files.is_empty() { "none".to_string() } else { s.price_user_files.join(", ") },
        ));
    }
    rows.extend(s.options.iter().map(|o| (o.name.clone(), o.value.clone())));
    for (name, value) in rows {
        html.push_str("<tr><th>");
        push_escaped(html, &name);
        html.push_str("</th>");
        cell(html, &value);
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>\n");
    for (title, testid, counts) in [
        ("Resources by type", "report-by-type", &s.by_type),
        ("Resources by region", "report-by-location", &s.by_location),
        ("Resources by resource group", "report-by-group", &s.by_resource_group),
        ("Resources by subscription", "report-by-subscription", &s.by_subscription),
    ] {
        let _ = writeln!(html, "<h3>{title}</h3>");
        table_start(html, testid, &["Name", "Label", "#Resources"]);
        for count in counts {
            html.push_str("<tr>");
            cell(html, &count.key);
            cell(html, &count.label);
            num_cell(html, count.count);
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    if !s.gaps.is_empty() {
        html.push_str("<h3>What the input lacks</h3>\n<ul>");
        for gap in &s.gaps {
            html.push_str("<li><b>");
            push_escaped(html, &gap.name);
            html.push_str("</b>: ");
            push_escaped(html, &gap.value);
            html.push_str("</li>");
        }
        html.push_str("</ul>\n");
    }
    if !report.diagnostics.is_empty() {
        html.push_str("<h3>Diagnostics</h3>\n");
        table_start(html, "report-diagnostics", &["Severity", "Code", "File", "Where", "Message", "Hint"]);
        for d in &report.diagnostics {
            html.push_str("<tr>");
            for text in [&d.severity, &d.code, &d.file, &d.location, &d.message, &d.hint] {
                cell(html, text);
            }
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    html.push_str("</section>\n");
}

fn readiness(html: &mut String, report: &Report) {
    html.push_str("<section id=\"readiness\">\n<h2>Readiness and findings</h2>\n");
    if report.summary.target.is_none() {
        html.push_str("<p>No target region was given: there is no assessment.</p>\n</section>\n");
        return;
    }
    let r = &report.readiness;
    if r.groups.is_empty() {
        html.push_str("<p>No findings.</p>\n");
    }
    for group in &r.groups {
        let _ = write!(
            html,
            "<h3><span class=\"sev-{}\">{}</span> {} {} · {} · {} findings</h3>\n<p>Remediation: ",
            escape(&group.severity),
            escape(&group.severity),
            escape(&group.rule),
            escape(&group.rule_name),
            escape(&group.category),
            group.findings.len()
        );
        push_escaped(html, &group.remediation);
        if !group.doc.is_empty() {
            html.push(' ');
            html.push_str(&link(&group.doc));
        }
        html.push_str("</p>\n");
        if let Some(decision) = &group.decision {
            html.push_str("<p class=\"decision\">Decision for every finding of this rule: ");
            decision_text(html, decision);
            html.push_str("</p>\n");
        }
        let decided = group.findings.iter().any(|f| group.decision_of(f).is_some());
        let own_remediation = group.findings.iter().any(|f| !f.remediation.is_empty() || !f.doc.is_empty());
        let alternatives = group.findings.iter().any(|f| !f.alternatives.is_empty());
        let mut headers = vec!["Resource", "Type", "Evidence", "Message"];
        if own_remediation {
            headers.push("Remediation (where it differs)");
        }
        if alternatives {
            headers.push("Alternatives");
        }
        if decided {
            headers.push("Decision");
        }
        table_start(html, "report-findings", &headers);
        for finding in &group.findings {
            let resource = report.resources.get(finding.resource);
            html.push_str("<tr>");
            cell(html, resource.map_or("", |r| r.name.as_str()));
            cell(html, resource.map_or("", |r| r.resource_type.as_str()));
            html.push_str("<td>");
            push_escaped(html, &finding.evidence_path);
            if !finding.evidence_value.is_empty() {
                html.push_str(" = ");
                push_escaped(html, &finding.evidence_value);
            }
            if let Some(sources) = &finding.sources {
                sources_list(html, sources);
            }
            html.push_str("</td>");
            cell(html, &finding.message);
            if own_remediation {
                html.push_str("<td>");
                push_escaped(html, &finding.remediation);
                if !finding.doc.is_empty() {
                    html.push(' ');
                    html.push_str(&link(&finding.doc));
                }
                html.push_str("</td>");
            }
            if alternatives {
                cell(html, &finding.alternatives.join(", "));
            }
            if decided {
                html.push_str("<td>");
                match (&finding.decision, &group.decision) {
                    (Some(own), _) => decision_text(html, own),
                    // The rule's decision is written once, above the table.
                    (None, Some(rule)) => {
                        let _ = write!(html, "as the rule: {}", escape(&rule.status.replace('-', " ")));
                    }
                    (None, None) => {}
                }
                html.push_str("</td>");
            }
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    if !r.unknown_causes.is_empty() {
        html.push_str("<h3>Left unknown by missing input</h3>\n");
        table_start(html, "report-unknown", &["Missing field", "#Resources", "How to export it"]);
        for cause in &r.unknown_causes {
            html.push_str("<tr>");
            cell(html, &cause.field);
            num_cell(html, cause.resources);
            cell(html, &cause.how_to_export);
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    html.push_str("</section>\n");
}

/// A decision in words: `waived (owner: Li Wei): handled by the landing zone`.
fn decision_text(html: &mut String, decision: &super::DecisionView) {
    let _ = write!(html, "<b>{}</b>", escape(&decision.status.replace('-', " ")));
    if !decision.owner.is_empty() {
        let _ = write!(html, " (owner: {})", escape(&decision.owner));
    }
    if !decision.note.is_empty() {
        let _ = write!(html, ": {}", escape(&decision.note));
    } else if decision.status == "waived" {
        html.push_str(": <em>no reason given</em>");
    }
}

/// What the catalog's sources say behind a finding: the answer, then every statement
/// with a link to check it, the deciding one first and marked.
fn sources_list(html: &mut String, sources: &SourcesView) {
    html.push_str("<div class=\"sources\"><b>Sources</b> (");
    push_escaped(html, &sources.answer);
    if sources.conflict {
        html.push_str("; sources disagree");
    }
    html.push_str("):");
    if !sources.note.is_empty() {
        html.push(' ');
        push_escaped(html, &sources.note);
    }
    html.push_str("<ul>");
    for statement in &sources.statements {
        html.push_str(if statement.deciding { "<li class=\"deciding\">" } else { "<li>" });
        push_escaped(html, &statement.kind);
        html.push(' ');
        html.push_str(&link(&statement.reference));
        if !statement.date.is_empty() {
            html.push_str(" (");
            push_escaped(html, &statement.date);
            html.push(')');
        }
        html.push_str(": ");
        push_escaped(html, &statement.says);
        if statement.deciding {
            html.push_str(" (decides)");
        }
        if !statement.detail.is_empty() {
            html.push_str("; ");
            push_escaped(html, &statement.detail);
        }
        html.push_str("</li>");
    }
    html.push_str("</ul></div>");
}

fn methods(html: &mut String, report: &Report) {
    html.push_str(
        "<section id=\"methods\">\n<h2>Migration method per resource</h2>\n<p>Every resource with its method, its move task \
(wave, hours from the start of the move) and what it needs first (dependencies, with their kind).</p>\n",
    );
    let mut task_of: Vec<Option<&super::TaskRow>> = vec![None; report.resources.len()];
    for wave in &report.plan.waves {
        for task in &wave.tasks {
            if let Some(slot) = task_of.get_mut(task.resource) {
                *slot = Some(task);
            }
        }
    }
    let mut needs: Vec<Vec<&super::EdgeRow>> = vec![Vec::new(); report.resources.len()];
    for edge in &report.plan.edges {
        if let Some(list) = needs.get_mut(edge.from) {
            list.push(edge);
        }
    }
    table_start(
        html,
        "report-methods",
        &[
            "Resource",
            "Type",
            "Resource group",
            "Region",
            "Readiness",
            "Method",
            "Downtime",
            "#Wave",
            "#Duration",
            "#Start",
            "#End",
            "Needs",
        ],
    );
    for (position, resource) in report.resources.iter().enumerate() {
        let method = resource.method.and_then(|m| report.methods.get(m));
        html.push_str("<tr>");
        cell(html, &resource.name);
        cell(html, &resource.resource_type);
        cell(html, &resource.resource_group);
        cell(html, &resource.location);
        cell(html, &resource.readiness);
        cell(html, method.map_or("", |m| m.method.as_str()));
        cell(html, method.map_or("", |m| m.downtime.as_str()));
        match resource.wave {
            Some(wave) => num_cell(html, wave),
            None => html.push_str("<td></td>"),
        }
        match task_of[position] {
            Some(task) => {
                num_cell(html, task.hours);
                num_cell(html, task.start_hours);
                num_cell(html, task.end_hours);
            }
            None => html.push_str("<td></td><td></td><td></td>"),
        }
        html.push_str("<td>");
        for (index, edge) in needs[position].iter().enumerate() {
            if index > 0 {
                html.push_str(", ");
            }
            push_escaped(html, resource_name(report, edge.to));
            html.push_str(" (");
            push_escaped(html, &edge.kind);
            html.push(')');
        }
        html.push_str("</td></tr>\n");
    }
    table_end(html);
    html.push_str("<h3>The methods</h3>\n");
    for method in &report.methods {
        let _ = write!(
            html,
            "<details><summary><b>{}</b>: {}{} · downtime {} · {}</summary>",
            escape(&method.service),
            escape(&method.method),
            if method.cross_cloud { " (into Azure China)" } else { "" },
            escape(&method.downtime),
            if method.data_move { "moves data" } else { "configuration only" }
        );
        if !method.tools.is_empty() {
            let _ = write!(html, "<p>Tools: {}</p>", escape(&method.tools.join(", ")));
        }
        html.push_str("<ol>");
        for step in &method.steps {
            html.push_str("<li>");
            push_escaped(html, step);
            html.push_str("</li>");
        }
        html.push_str("</ol>");
        if !method.caveats.is_empty() {
            html.push_str("<ul>");
            for caveat in &method.caveats {
                html.push_str("<li>");
                push_escaped(html, caveat);
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        }
        if !method.link.is_empty() {
            let _ = write!(html, "<p>{}</p>", link(&method.link));
        }
        html.push_str("</details>\n");
    }
    html.push_str("</section>\n");
}

/// Today's actual spend: the headline, the files, the resources with the most spend,
/// the spend on no resource of the inventory and the chargeable resources without any.
fn spend_html(html: &mut String, report: &Report, spend: &super::SpendView) {
    let _ = writeln!(
        html,
        "<h3>Today's actual spend</h3>\n<p data-testid=\"report-spend\">{} a month ({}; {}): {} resources matched ({} a month), {} a month on rows with no resource of the inventory.</p>",
        escape(&spend.amount(spend.total_monthly)),
        escape(spend.basis.as_deref().unwrap_or("cost")),
        escape(&spend.period()),
        spend.matched_resources,
        escape(&spend.amount(spend.matched_monthly)),
        escape(&spend.amount(spend.unmatched_monthly))
    );
    table_start(html, "report-spend-files", &["File", "Kind", "Column", "#Rows", "#Used", "#Rejected", "Problem"]);
    for file in &spend.files {
        html.push_str("<tr>");
        cell(html, &file.name);
        cell(html, file.kind.as_deref().unwrap_or(""));
        cell(html, file.amount_column.as_deref().unwrap_or(""));
        num_cell(html, file.rows);
        num_cell(html, file.rows_used);
        num_cell(html, file.rows_rejected);
        cell(html, file.error.as_deref().unwrap_or(""));
        html.push_str("</tr>\n");
    }
    table_end(html);
    if !spend.top_resources.is_empty() {
        html.push_str("<h3>Most spend today</h3>\n");
        table_start(html, "report-spend-top", &["Resource", "Type", &format!("#Monthly ({})", spend.currency)]);
        for top in &spend.top_resources {
            html.push_str("<tr>");
            cell(html, resource_name(report, top.resource));
            cell(html, report.resources.get(top.resource).map_or("", |r| r.resource_type.as_str()));
            num_cell(html, Amount(top.monthly));
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    if !spend.unmatched.is_empty() {
        let _ = writeln!(html, "<h3>Spend on no resource of the inventory ({})</h3>", spend.unmatched.len());
        table_start(
            html,
            "report-spend-unmatched",
            &["Resource id", "Why", "#Rows", &format!("#Monthly ({})", spend.currency)],
        );
        for row in &spend.unmatched {
            html.push_str("<tr>");
            cell(html, if row.resource_id.is_empty() { "(no resource id)" } else { &row.resource_id });
            cell(html, &row.why);
            num_cell(html, row.rows);
            num_cell(html, Amount(row.monthly));
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    if !spend.without_spend.is_empty() {
        let names: Vec<&str> = spend.without_spend.iter().map(|p| resource_name(report, *p)).collect();
        let _ = writeln!(
            html,
            "<p>Chargeable resources without spend ({}): {}</p>",
            names.len(),
            escape(&names.join(", "))
        );
    }
    for note in &spend.notes {
        let _ = writeln!(html, "<p class=\"note\">{}</p>", escape(note));
    }
}

fn cost(html: &mut String, report: &Report) {
    html.push_str("<section id=\"cost\">\n<h2>Cost</h2>\n");
    let Some(cost) = &report.cost else {
        html.push_str("<p>No target region was given: there is no estimate.</p>\n</section>\n");
        return;
    };
    let _ = writeln!(
        html,
        "<table><thead><tr><th></th><th class=\"num\">Target ({})</th><th class=\"num\">Source (today, list prices)</th></tr></thead><tbody>\
<tr><th>Monthly total</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
<tr><th>of which usage-based</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
<tr><th>Priced / unpriced / free resources</th><td class=\"num\">{} / {} / {}</td><td class=\"num\">{} / {} / {}</td></tr>\
<tr><th>Priced share</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tbody></table>",
        escape(cost.target.region.as_deref().unwrap_or("")),
        escape(&cost.target.total()),
        escape(&cost.source.total()),
        escape(&cost.target.money(cost.target.usage_monthly).to_string()),
        escape(&cost.source.money(cost.source.usage_monthly).to_string()),
        cost.target.priced_resources,
        cost.target.unpriced_resources,
        cost.target.free_resources,
        cost.source.priced_resources,
        cost.source.unpriced_resources,
        cost.source.free_resources,
        cost.target.priced_percent.map(|p| p.to_string()).unwrap_or_default(),
        cost.source.priced_percent.map(|p| p.to_string()).unwrap_or_default()
    );
    if let Some(p) = cost.source_cost_coverage_percent {
        let _ = writeln!(html, "<p>The target figure prices the resources behind {p} of today's priced cost.</p>");
    }
    if cost.target.not_offered_resources > 0 {
        let _ = writeln!(
            html,
            "<p>{} resources are not offered in the target as they are (see the assessment); they count in no coverage and are listed apart.</p>",
            cost.target.not_offered_resources
        );
    }
    for comparison in [&cost.comparison, &cost.list_price_comparison].into_iter().flatten() {
        let against = if comparison.is_spend() { "the actual spend" } else { "today's list prices" };
        match comparison.change() {
            Some(change) => {
                let share = |p: Option<crate::units::Percent>| p.map_or("n/a".to_string(), |p| p.to_string());
                let _ = writeln!(
                    html,
                    "<p data-testid=\"report-comparison\">Change against {against}: <b>{}</b> over the {} resources priced on both sides ({} today, {} in the target; {} of today's total, {} of the target's).</p>",
                    escape(&change),
                    comparison.resources,
                    escape(&comparison.today()),
                    escape(&Money::new(comparison.target_monthly, comparison.target_currency).to_string()),
                    share(comparison.today_share_percent),
                    share(comparison.target_share_percent)
                );
            }
            None => {
                let _ = writeln!(
                    html,
                    "<p data-testid=\"report-comparison\">Change against {against}: not computed: {}.</p>",
                    escape(comparison.note.as_deref().unwrap_or("the sides cannot be compared"))
                );
            }
        }
    }
    if let Some(spend) = &cost.spend {
        spend_html(html, report, spend);
    }
    for converted in [&cost.target.converted, &cost.source.converted].into_iter().flatten() {
        let _ = writeln!(html, "<p>Converted: {}</p>", escape(converted));
    }
    html.push_str("<h3>Target cost by category</h3>\n");
    bar_chart(html, &cost.target.by_category, cost.target.currency);
    for (title, testid, list, currency) in [
        ("Target cost by category", "report-cost-category", &cost.target.by_category, &cost.target.currency),
        ("Target cost by resource group", "report-cost-group", &cost.target.by_resource_group, &cost.target.currency),
        ("Target cost by type", "report-cost-type", &cost.target.by_type, &cost.target.currency),
        ("Source cost by category", "report-cost-source-category", &cost.source.by_category, &cost.source.currency),
    ] {
        let _ = writeln!(html, "<h3>{title}</h3>");
        table_start(html, testid, &["Name", &format!("#Monthly ({currency})")]);
        for amount in list {
            html.push_str("<tr>");
            cell(html, &amount.label);
            num_cell(html, Amount(amount.monthly));
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    html.push_str("<h3>Most expensive resources in the target</h3>\n");
    table_start(html, "report-cost-top", &["Resource", "Type", &format!("#Monthly ({})", cost.target.currency)]);
    for top in &cost.target.top_resources {
        html.push_str("<tr>");
        cell(html, resource_name(report, top.resource));
        cell(html, report.resources.get(top.resource).map_or("", |r| r.resource_type.as_str()));
        num_cell(html, Amount(top.monthly));
        html.push_str("</tr>\n");
    }
    table_end(html);
    for (side, estimate) in [("target", &cost.target), ("source", &cost.source)] {
        if estimate.unpriced.is_empty() {
            continue;
        }
        let _ = writeln!(html, "<h3>Unpriced in the {side} ({} resources)</h3>", estimate.unpriced_resources);
        // On the source side with spend loaded, the export prices what list prices do not.
        let with_spend =
            estimate.unpriced.iter().flat_map(|bin| &bin.resources).filter(|row| row.actual_monthly.is_some()).count();
        if with_spend > 0 {
            let _ = writeln!(
                html,
                "<p>{with_spend} of them have actual spend in the Cost Management export (see Today&#39;s actual spend); the table lists the {} others.</p>",
                estimate.unpriced_resources.saturating_sub(with_spend)
            );
        }
        table_start(html, &format!("report-unpriced-{side}"), &["Reason", "Detail", "Hint", "#Resources", "Which"]);
        for bin in &estimate.unpriced {
            let mut rows: std::collections::BTreeMap<(&str, &str), Vec<&str>> = std::collections::BTreeMap::new();
            for row in bin.resources.iter().filter(|row| row.actual_monthly.is_none()) {
                rows.entry((row.detail.as_str(), row.hint.as_str()))
                    .or_default()
                    .push(row.resource.map_or("", |p| resource_name(report, p)));
            }
            for ((detail, hint), names) in rows {
                html.push_str("<tr>");
                cell(html, &bin.reason);
                cell(html, detail);
                cell(html, hint);
                num_cell(html, names.len());
                cell(html, &names.join(", "));
                html.push_str("</tr>\n");
            }
        }
        table_end(html);
    }
    html.push_str("<h3>Assumptions</h3>\n<ul>");
    for text in cost.assumptions.iter().chain(&cost.target.notes).chain(&cost.source.notes) {
        html.push_str("<li>");
        push_escaped(html, text);
        html.push_str("</li>");
    }
    html.push_str("</ul>\n</section>\n");
}

fn bar_chart(html: &mut String, amounts: &[super::Amount], currency: Currency) {
    let max = amounts.iter().map(|a| a.monthly).max().unwrap_or(Decimal::ZERO).to_f64().unwrap_or(0.0);
    let height = amounts.len() * 24 + 8;
    let _ = write!(
        html,
        "<svg role=\"img\" aria-label=\"Cost by category\" viewBox=\"0 0 700 {height}\" width=\"700\" height=\"{height}\">"
    );
    for (index, amount) in amounts.iter().enumerate() {
        let y = index * 24 + 4;
        let value = amount.monthly.to_f64().unwrap_or(0.0);
        let width = if max > 0.0 { 400.0 * value / max } else { 0.0 };
        let _ = write!(
            html,
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"bar\" x=\"160\" y=\"{y}\" width=\"{width:.1}\" height=\"16\"/><text x=\"{:.1}\" y=\"{}\">{}</text>",
            y + 13,
            escape(&amount.label),
            166.0 + width,
            y + 13,
            escape(&Money::new(amount.monthly, currency).to_string())
        );
    }
    html.push_str("</svg>\n");
}

fn plan(html: &mut String, report: &Report) {
    let p = &report.plan;
    html.push_str("<section id=\"plan\">\n<h2>Dependencies and plan</h2>\n<h3>Dependency graph</h3>\n");
    dependency_graph(html, report);
    html.push_str("<h3>Waves</h3>\n");
    table_start(html, "report-waves", &["#Wave", "Phase", "#Resources", "#Move units", "#Start", "#End", "#Duration"]);
    for wave in &p.waves {
        html.push_str("<tr>");
        num_cell(html, wave.number);
        cell(html, &wave.phase);
        num_cell(html, wave.resources);
        num_cell(html, wave.units);
        num_cell(html, wave.start_hours);
        num_cell(html, wave.end_hours);
        num_cell(html, wave.makespan_hours);
        html.push_str("</tr>\n");
    }
    table_end(html);
    let _ = writeln!(html, "<p>Total duration: {}.</p>", p.total_hours);
    html.push_str("<h3>Gantt chart</h3>\n");
    gantt(html, report);
    html.push_str("<p>Each resource's task (wave, hours, start and end) and dependencies are in the table of migration methods above.</p>\n");
    if !p.critical_path.is_empty() {
        html.push_str("<p>Critical path: ");
        let names: Vec<&str> = p.critical_path.iter().map(|&i| resource_name(report, i)).collect();
        push_escaped(html, &names.join(" → "));
        html.push_str("</p>\n");
    }
    if !p.cycles.is_empty() {
        html.push_str("<h3>Cycles (each moves as one unit)</h3>\n<ul>");
        for cycle in &p.cycles {
            let names: Vec<&str> = cycle.iter().map(|&i| resource_name(report, i)).collect();
            html.push_str("<li>");
            push_escaped(html, &names.join(", "));
            html.push_str("</li>");
        }
        html.push_str("</ul>\n");
    }
    html.push_str("<h3>Move groups</h3>\n");
    table_start(html, "report-groups", &["Group", "#Resources", "Members"]);
    for group in &p.groups {
        html.push_str("<tr>");
        cell(html, &group.name);
        num_cell(html, group.resources.len());
        let names: Vec<&str> = group.resources.iter().map(|&i| resource_name(report, i)).collect();
        cell(html, &names.join(", "));
        html.push_str("</tr>\n");
    }
    table_end(html);
    html.push_str("<h3>External dependencies</h3>\n");
    if p.external.is_empty() {
        html.push_str("<p>None: every reference names a resource of the inventory.</p>\n");
    } else {
        table_start(
            html,
            "report-external",
            &["Resource", "Needs (outside the inventory)", "Reference", "Found at", "Kind"],
        );
        for external in &p.external {
            html.push_str("<tr>");
            cell(html, resource_name(report, external.from));
            cell(html, &external.to);
            cell(html, &external.reference);
            cell(html, &external.path);
            cell(html, &external.kind);
            html.push_str("</tr>\n");
        }
        table_end(html);
    }
    html.push_str("<h3>Planning assumptions</h3>\n");
    table_start(html, "report-plan-assumptions", &["Assumption", "Value", "Unit", "#Resources", "Why"]);
    for a in &p.assumptions {
        html.push_str("<tr>");
        cell(html, &a.name);
        cell(html, &a.value);
        cell(html, &a.unit);
        num_cell(html, a.applies_to);
        cell(html, &a.why);
        html.push_str("</tr>\n");
    }
    table_end(html);
    html.push_str("</section>\n");
}

/// A layered drawing ([`crate::graph::layered`], as in the app): every dependency in a
/// column left of what needs it; at most [`GRAPH_NODES`] resources, the first of those
/// with edges.
fn dependency_graph(html: &mut String, report: &Report) {
    let p = &report.plan;
    let mut involved = vec![false; report.resources.len()];
    for edge in &p.edges {
        involved[edge.from] = true;
        involved[edge.to] = true;
    }
    // The first resources with dependencies, laid out by the same layered layout as
    // the app's graph: every dependency in a column left of what needs it.
    let chosen: Vec<usize> = (0..report.resources.len()).filter(|&p| involved[p]).take(GRAPH_NODES).collect();
    let shown = chosen.len();
    let omitted = involved.iter().filter(|&&i| i).count() - shown;
    if shown == 0 {
        html.push_str("<p>No dependencies were found between the resources.</p>\n");
        return;
    }
    let local: std::collections::BTreeMap<usize, usize> = chosen.iter().enumerate().map(|(l, &p)| (p, l)).collect();
    let pairs: Vec<(usize, usize)> =
        p.edges.iter().filter_map(|e| Some((*local.get(&e.from)?, *local.get(&e.to)?))).collect();
    let (node_w, node_h, col_gap, row_gap) = (170.0, 22.0, 60.0, 8.0);
    let layout = crate::graph::layered(
        shown,
        &pairs,
        &crate::graph::LayoutOptions {
            column_width: (node_w + col_gap) as u32,
            row_height: (node_h + row_gap) as u32,
            sweeps: 4,
        },
    );
    let place: std::collections::BTreeMap<usize, (f64, f64)> = chosen
        .iter()
        .zip(&layout.places)
        .map(|(&position, at)| (position, (10.0 + f64::from(at.x), 30.0 + f64::from(at.y))))
        .collect();
    let width = 20.0 + f64::from(layout.width);
    let height = 40.0 + f64::from(layout.height);
    let _ = write!(
        html,
        "<svg role=\"img\" aria-label=\"Dependency graph\" data-testid=\"report-graph\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\">\
<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L8,4L0,8z\"/></marker></defs>\
<text x=\"10\" y=\"16\">dependencies on the left, what needs them to the right</text>"
    );
    for edge in &p.edges {
        let (Some(&(fx, fy)), Some(&(tx, ty))) = (place.get(&edge.from), place.get(&edge.to)) else { continue };
        // The arrow points from the dependency to the resource that needs it.
        let (x1, y1) = (tx + node_w, ty + node_h / 2.0);
        let (x2, y2) = (fx, fy + node_h / 2.0);
        let class = if edge.must_exist_first { "edge edge-must" } else { "edge" };
        if (x1 - node_w - x2).abs() < 1.0 {
            // Same column: a curve on the right side.
            let _ = write!(
                html,
                "<path class=\"{class}\" d=\"M{x1:.1},{y1:.1}C{:.1},{y1:.1} {:.1},{y2:.1} {x1:.1},{y2:.1}\" marker-end=\"url(#arrow)\"><title>{}</title></path>",
                x1 + 30.0,
                x1 + 30.0,
                escape(&edge.kind)
            );
        } else {
            let _ = write!(
                html,
                "<line class=\"{class}\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" marker-end=\"url(#arrow)\"><title>{}</title></line>",
                escape(&edge.kind)
            );
        }
    }
    for (&position, &(x, y)) in &place {
        let resource = &report.resources[position];
        let label: String = resource.name.chars().take(24).collect();
        let _ = write!(
            html,
            "<g class=\"node\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{node_w:.0}\" height=\"{node_h:.0}\" rx=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text><title>{} ({})</title></g>",
            x + 5.0,
            y + 15.0,
            escape(&label),
            escape(&resource.name),
            escape(&resource.resource_type)
        );
    }
    html.push_str("</svg>\n");
    if omitted > 0 {
        let _ = writeln!(
            html,
            "<p class=\"muted\">The graph draws {shown} of {} resources with dependencies; the dependency table below lists every edge.</p>",
            shown + omitted
        );
    }
}

fn gantt(html: &mut String, report: &Report) {
    let p = &report.plan;
    if p.waves.is_empty() {
        html.push_str("<p>No waves.</p>\n");
        return;
    }
    let total = p.total_hours.0.to_f64().unwrap_or(0.0).max(0.01);
    let (label_w, chart_w, row_h) = (220.0, 700.0, 16.0);
    let mut rows: Vec<(String, Hours, Hours, &str)> = Vec::new();
    let mut tasks_drawn = 0;
    let mut tasks_total = 0;
    for wave in &p.waves {
        rows.push((format!("Wave {} · {}", wave.number, wave.phase), wave.start_hours, wave.end_hours, "wave-bar"));
        for task in &wave.tasks {
            tasks_total += 1;
            if tasks_drawn < GANTT_TASKS {
                tasks_drawn += 1;
                rows.push((
                    format!("  {}", resource_name(report, task.resource)),
                    task.start_hours,
                    task.end_hours,
                    "task-bar",
                ));
            }
        }
    }
    let height = 30.0 + rows.len() as f64 * (row_h + 4.0);
    let width = label_w + chart_w + 20.0;
    let _ = write!(
        html,
        "<svg role=\"img\" aria-label=\"Gantt chart of the waves\" data-testid=\"report-gantt\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\">"
    );
    let step = nice_step(total / 8.0);
    // About eight ticks, and never more than sixteen, however long the plan.
    for index in 0..=16u32 {
        let tick = step * f64::from(index);
        if tick > total + 1e-9 {
            break;
        }
        let x = label_w + chart_w * tick / total;
        let _ = write!(
            html,
            "<line class=\"axis\" x1=\"{x:.1}\" y1=\"20\" x2=\"{x:.1}\" y2=\"{height:.1}\"/><text x=\"{x:.1}\" y=\"14\">{}</text>",
            Hours(Decimal::from_f64(tick).unwrap_or_default())
        );
    }
    for (index, (label, start, end, class)) in rows.iter().enumerate() {
        let y = 26.0 + index as f64 * (row_h + 4.0);
        let label: String = label.chars().take(34).collect();
        let (from, to) = (start.0.to_f64().unwrap_or(0.0), end.0.to_f64().unwrap_or(0.0));
        let x = label_w + chart_w * from / total;
        let w = (chart_w * (to - from) / total).max(1.0);
        let _ = write!(
            html,
            "<text x=\"0\" y=\"{:.1}\">{}</text><rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{row_h:.0}\"><title>{}: {start} to {end}</title></rect>",
            y + 12.0,
            escape(label.trim_start()),
            escape(label.trim_start())
        );
    }
    html.push_str("</svg>\n");
    if tasks_drawn < tasks_total {
        let _ = writeln!(
            html,
            "<p class=\"muted\">The chart draws every wave and the first {tasks_drawn} of {tasks_total} tasks; the task table lists them all.</p>"
        );
    }
}

/// A round number of hours at least `raw`: a day or week multiple up to 60 days, then a
/// power of ten times 1, 2 or 5 (a plan built on absurd sizes can last 10^28 hours).
fn nice_step(raw: f64) -> f64 {
    let hours = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 24.0, 48.0, 96.0, 168.0, 336.0, 720.0, 1440.0];
    if let Some(step) = hours.into_iter().find(|candidate| *candidate >= raw) {
        return step;
    }
    if !raw.is_finite() {
        return f64::MAX;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|factor| factor * magnitude).find(|step| *step >= raw).unwrap_or(raw)
}

fn caveat(html: &mut String, report: &Report) {
    html.push_str("<section id=\"caveat\">\n<h2>Planning caveat</h2>\n<p class=\"caveat\">");
    push_escaped(html, &report.plan.caveat);
    html.push_str("</p>\n</section>\n");
}

fn glossary(html: &mut String, report: &Report) {
    html.push_str("<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl>");
    for entry in &report.glossary {
        html.push_str("<dt><b>");
        push_escaped(html, &entry.term);
        html.push_str("</b></dt><dd>");
        push_escaped(html, &entry.meaning);
        html.push_str("</dd>");
    }
    html.push_str("</dl>\n</section>\n");
}
