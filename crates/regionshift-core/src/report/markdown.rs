//! A Markdown summary of the report for a wiki page or a pull-request comment.
//!
//! User text is escaped for Markdown tables and inline HTML: `|`, `<`, `>`, `&`,
//! backticks, `*`, `_`, `[`, `]` and backslashes are escaped and line breaks become
//! spaces, so a name can neither break a table nor inject markup.

use std::fmt::Write as _;

use super::Report;

/// Rows of the findings table before it says how many more there are.
const FINDING_ROWS: usize = 50;

/// Renders the summary: figures, the comparison of targets when asked, blockers by
/// category, cost, waves, the caveat.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let written = |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(escape);
    let title = format!(
        "Migration report{}",
        s.target_name.as_deref().map(|t| format!(": to {}", escape(t))).unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "# {}\n\n{}{} · report date {}{}{}\n",
        written(&report.project).unwrap_or_else(|| title.clone()),
        if report.project.as_deref().is_some_and(|p| !p.trim().is_empty()) {
            format!("{title} · ")
        } else {
            String::new()
        },
        escape(&report.generator),
        escape(&report.date),
        written(&report.author).map(|a| format!(" · prepared by {a}")).unwrap_or_default(),
        if report.redacted { " · redacted" } else { "" }
    );
    out.push_str("| Figure | Value |\n|---|---|\n");
    let _ = writeln!(out, "| Resources in scope | {} |", s.resources);
    for count in &s.readiness {
        let _ = writeln!(out, "| {} | {} |", escape(&count.label), count.count);
    }
    let _ = writeln!(out, "| Blockers | {} |", s.blockers);
    if let Some(tally) = s.decisions.filter(|t| t.waived + t.accepted + t.needs_work + t.owned > 0) {
        let _ = writeln!(out, "| Decisions | {tally} |");
    }
    let _ = writeln!(out, "| Warnings | {} |", s.warnings);
    if let Some(cost) = &s.cost {
        let _ = writeln!(out, "| Monthly in the target | {} |", escape(&cost.target_text()));
        let _ = writeln!(out, "| Monthly today | {} |", escape(&cost.today_text()));
        if cost.spend.is_some() {
            let _ = writeln!(out, "| Monthly today at list prices | {} |", escape(&cost.list_price_text()));
        }
        if let (Some(delta), Some(scope)) = (cost.delta(), cost.delta_scope()) {
            let _ = writeln!(out, "| Monthly difference | {} {} |", delta.change(), escape(&scope));
        }
        if let Some(percent) = cost.target_priced_percent {
            let _ = writeln!(out, "| Resources priced in the target | {percent} |");
        }
        let _ = writeln!(out, "| Unpriced in the target | {} |", cost.unpriced_in_target);
    }
    let _ = writeln!(out, "| Waves | {} |", s.waves);
    let _ = writeln!(out, "| Total duration | {} |", s.total_hours);
    let _ = writeln!(
        out,
        "| Dependencies / cycles / external | {} / {} / {} |",
        s.dependencies, s.cycles, s.external_dependencies
    );
    if !s.top_blockers.is_empty() {
        out.push_str("\n## Top blockers\n\n");
        for (number, rule) in s.top_blockers.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} blocks {} resource{}: fails the check “{}”",
                number + 1,
                escape(&rule.key),
                rule.count,
                if rule.count == 1 { "" } else { "s" },
                escape(rule.label.trim_end_matches('.'))
            );
        }
    }
    comparison(&mut out, report);
    if !s.blockers_by_category.is_empty() {
        out.push_str("\n## Blockers by category\n\n| Category | Blockers |\n|---|---|\n");
        for count in &s.blockers_by_category {
            let _ = writeln!(out, "| {} | {} |", escape(&count.label), count.count);
        }
    }
    let findings: Vec<_> = report
        .readiness
        .groups
        .iter()
        .filter(|g| g.severity == "blocker")
        .flat_map(|g| g.findings.iter().map(move |f| (g, f)))
        .collect();
    if !findings.is_empty() {
        out.push_str("\n## Blockers\n\n| Resource | Type | Rule | Message |\n|---|---|---|---|\n");
        for (group, finding) in findings.iter().take(FINDING_ROWS) {
            let resource = report.resources.get(finding.resource);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(resource.map_or("", |r| r.name.as_str())),
                escape(resource.map_or("", |r| r.resource_type.as_str())),
                escape(&group.rule),
                escape(&finding.message)
            );
        }
        if findings.len() > FINDING_ROWS {
            let _ = writeln!(out, "\n{} more blockers are in the full report.", findings.len() - FINDING_ROWS);
        }
    }
    if !report.plan.waves.is_empty() {
        out.push_str("\n## Waves\n\n| Wave | Phase | Resources | Start | End |\n|---|---|---|---|---|\n");
        for wave in &report.plan.waves {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                wave.number,
                escape(&wave.phase),
                wave.resources,
                wave.start_hours,
                wave.end_hours
            );
        }
    }
    let _ = writeln!(out, "\n> {}", escape(&report.plan.caveat));
    out
}

/// The comparison of targets, when the report has one: the suggestion with its reasons
/// and the targets from first to last.
fn comparison(out: &mut String, report: &Report) {
    let Some(section) = &report.comparison else { return };
    let _ = writeln!(
        out,
        "\n## Comparison of targets\n\nRanked by {} (`{}`).",
        escape(&section.rule),
        escape(&section.ranking)
    );
    if let Some(today) = &section.today {
        let _ = writeln!(out, "Today: {} a month.", today.money());
    }
    if let Some(suggestion) = &section.suggestion {
        let _ =
            writeln!(out, "\n**Suggestion: {} ({})**\n", escape(&suggestion.target_name), escape(&suggestion.target));
        for reason in &suggestion.reasons {
            let _ = writeln!(out, "- {}", escape(reason));
        }
    }
    out.push_str(
        "\n| # | Target | Blockers | Not ready | Unknown | Monthly | Priced | Plan | Waves | Notes |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for row in &section.rows {
        let notes = row.notes();
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.rank,
            escape(&row.target_name),
            escape(&row.target),
            row.blockers,
            row.count("not-ready"),
            row.count("unknown"),
            row.money(),
            row.priced_percent.map_or("n/a".to_string(), |p| p.to_string()),
            row.plan_hours,
            row.waves,
            notes.join(", ")
        );
    }
}

/// Escapes text for a Markdown table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '`' | '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
