//! Plain text of the report model, as the `regionshift` CLI prints it: one function per
//! view ([`inventory`], [`assessment`], [`cost`], [`plan`], [`comparison`]) and the
//! [`diagnostics`] section the CLI prints after each view.
//!
//! Every figure comes from the [`Report`], so the text agrees with the HTML, Markdown,
//! CSV and JSON renderings, and a redacted model gives redacted text. Money, changes,
//! percentages and hours are shown through the `Display` of [`crate::units`]. Lines end
//! with `\n`; control characters from the input (a resource name with an escape
//! sequence) become U+FFFD, so the text cannot drive the terminal it is printed to.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{EstimateView, FindingGroup, FindingRow, Report, TaskRow};
use crate::units::{Currency, Money, Percent};

/// The import: files, counts by type, location, resource group and subscription, what
/// the input lacks and the export kit.
pub fn inventory(report: &Report) -> String {
    let scope = &report.scope;
    let mut out = String::new();
    let _ = writeln!(out, "{} resources from {} file(s)", report.summary.resources, scope.files.len());
    out.push_str("\nFiles\n");
    for file in &scope.files {
        match &file.error {
            Some(error) => {
                let _ = writeln!(out, "  {}  NOT IMPORTED: {error}", file.name);
            }
            None if file.format_label.is_empty() => {
                let _ = writeln!(out, "  {}", file.name);
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {}  {} ({}), {} records, {} imported, {} skipped",
                    file.name,
                    file.format_label,
                    if file.encoding.is_empty() { "?" } else { &file.encoding },
                    file.records,
                    file.imported,
                    file.skipped
                );
            }
        }
    }
    for (title, counts) in [
        ("By type", &scope.by_type),
        ("By location", &scope.by_location),
        ("By resource group", &scope.by_resource_group),
        ("By subscription", &scope.by_subscription),
    ] {
        if counts.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for count in counts {
            if count.label == count.key {
                let _ = writeln!(out, "  {:>7}  {}", count.count, count.key);
            } else {
                let _ = writeln!(out, "  {:>7}  {} ({})", count.count, count.label, count.key);
            }
        }
    }
    if !scope.input_gaps.is_empty() {
        out.push_str("\nWhat the input lacks\n");
        for gap in &scope.input_gaps {
            let _ = writeln!(out, "  {} resources: no {}", gap.resources, gap.missing);
            let _ = writeln!(out, "    limits: {}", gap.limits);
            let _ = writeln!(out, "    fix: {}", gap.remedy);
        }
        out.push_str("\nExport kit\n");
        for command in &scope.export_kit {
            let _ = writeln!(out, "  # {} ({})", command.title, command.why);
            for line in command.command.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    finish(out)
}

/// The assessment: the readiness split, blockers by category, the catalog used, what
/// was left unknown, and every resource that is not plainly ready with its findings
/// (evidence and alternatives), what it lacked and its migration method.
pub fn assessment(report: &Report) -> String {
    let s = &report.summary;
    let (Some(target), Some(target_name)) = (&s.target, &s.target_name) else {
        return finish("No target region was given: there is no assessment.\n".to_string());
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Assessment of {} resources for {target_name} ({target}){}",
        s.resources,
        if s.crosses_clouds { ", a move across clouds" } else { "" }
    );
    let split: Vec<String> = s.readiness.iter().map(|c| format!("{} {}", c.label.to_lowercase(), c.count)).collect();
    let _ = writeln!(out, "  {}; {} blockers, {} warnings", split.join(", "), s.blockers, s.warnings);
    for category in &s.blockers_by_category {
        let _ = writeln!(out, "  blockers in {}: {}", category.label, category.count);
    }
    let user_parts: Vec<String> = report
        .scope
        .catalog_parts
        .iter()
        .filter(|p| p.origin == "user")
        .map(|p| format!("{} ({})", p.part, if p.region.is_empty() { "all regions" } else { &p.region }))
        .collect();
    let _ = writeln!(
        out,
        "  catalog snapshot of {}{}",
        report.scope.catalog_as_of,
        if user_parts.is_empty() { String::new() } else { format!("; from your files: {}", user_parts.join(", ")) }
    );
    let unknown_causes = &report.readiness.unknown_causes;
    if !unknown_causes.is_empty() {
        out.push_str("\nLeft unknown by missing input\n");
        for cause in unknown_causes {
            let _ = writeln!(out, "  {} resources lack {}: {}", cause.resources, cause.field, cause.how_to_export);
        }
    }
    let findings = findings_per_resource(report);
    for (title, key, only_with_findings) in [
        ("Not ready", "not-ready", false),
        ("Ready with conditions", "ready-with-conditions", false),
        ("Unknown", "unknown", false),
        ("Ready, with remarks", "ready", true),
    ] {
        let listed: Vec<usize> = (0..report.resources.len())
            .filter(|&p| report.resources[p].readiness == key && (!only_with_findings || !findings[p].is_empty()))
            .collect();
        if listed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} ({})", listed.len());
        for position in listed {
            let resource = &report.resources[position];
            let method = resource.method.and_then(|m| report.methods.get(m)).map_or("", |m| m.method.as_str());
            let _ = writeln!(out, "  {}  move: {method}", resource_label(report, position));
            for (group, finding) in &findings[position] {
                let _ = write!(
                    out,
                    "    {} {} {}: {} [{}",
                    group.severity, group.rule, group.rule_name, finding.message, finding.evidence_path
                );
                if !finding.evidence_value.is_empty() {
                    let _ = write!(out, " = {}", finding.evidence_value);
                }
                out.push_str("]\n");
                if !finding.alternatives.is_empty() {
                    let _ = writeln!(out, "      instead: {}", finding.alternatives.join("; "));
                }
                if let Some(sources) = &finding.sources {
                    let _ = writeln!(
                        out,
                        "      sources ({}{}):{}",
                        sources.answer,
                        if sources.conflict { "; sources disagree" } else { "" },
                        if sources.note.is_empty() { String::new() } else { format!(" {}", sources.note) }
                    );
                    for statement in &sources.statements {
                        let mark = if statement.deciding { "*" } else { "-" };
                        let _ = writeln!(out, "        {mark} {}", statement.line());
                    }
                }
            }
            for missing in &resource.missing {
                let _ = writeln!(out, "    lacks {} (for {})", missing.field, missing.rule);
            }
        }
    }
    finish(out)
}

/// The cost: both monthly totals, the change (when comparable) and conversions,
/// coverage, the prices used, breakdowns by category, type and resource group, the most
/// expensive resources and every unpriced resource by reason with its hint, on both
/// sides, and what the figures assume.
pub fn cost(report: &Report) -> String {
    let Some(cost) = &report.cost else {
        return finish("No target region was given: there is no estimate.\n".to_string());
    };
    let (target, source) = (&cost.target, &cost.source);
    let region = target.region.as_deref().unwrap_or("the target");
    let mut out = String::new();
    let _ = writeln!(out, "Monthly cost of {} resources", target.total_resources);
    for (side, estimate) in
        [(format!("in {region}"), target), ("where it runs now, at list prices".to_string(), source)]
    {
        let _ = writeln!(
            out,
            "  {side}:  {}  ({} priced, {} free, {} unpriced)",
            estimate.total(),
            estimate.priced_resources,
            estimate.free_resources,
            estimate.unpriced_resources
        );
    }
    if let Some(spend) = &cost.spend {
        let _ = writeln!(
            out,
            "  today, actual spend:  {} a month  ({}; {} resources matched, {} a month on rows with no resource here)",
            spend.amount(spend.total_monthly),
            spend.period(),
            spend.matched_resources,
            spend.amount(spend.unmatched_monthly)
        );
    }
    for comparison in [&cost.comparison, &cost.list_price_comparison].into_iter().flatten() {
        let against = if comparison.is_spend() { "the actual spend" } else { "list prices" };
        match comparison.change() {
            Some(change) => {
                let share = |p: Option<Percent>| p.map_or("n/a".to_string(), |p| p.to_string());
                let _ = writeln!(
                    out,
                    "  change against {against}:  {change}  over the {} resources priced on both sides ({} today, {} in the target; {} of today's total, {} of the target's)",
                    comparison.resources,
                    comparison.today(),
                    Money::new(comparison.target_monthly, comparison.target_currency),
                    share(comparison.today_share_percent),
                    share(comparison.target_share_percent)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  change against {against}: not computed: {}",
                    comparison.note.as_deref().unwrap_or("the sides cannot be compared")
                );
            }
        }
    }
    for estimate in [target, source] {
        if let Some(conversion) = &estimate.conversion {
            let _ = writeln!(
                out,
                "  {} at {} {}/{}:  {}",
                estimate.money(estimate.total_monthly),
                conversion.rate,
                conversion.currency,
                estimate.currency,
                conversion.total()
            );
        }
    }
    let percent = |p: Option<Percent>| p.map_or("n/a".to_string(), |p| p.to_string());
    let _ = writeln!(
        out,
        "  coverage: {} of the chargeable resources {region} offers priced ({} not offered there, listed apart); {} of today's priced cost covered",
        percent(target.priced_percent),
        target.not_offered_resources,
        percent(cost.source_cost_coverage_percent)
    );
    let _ = writeln!(
        out,
        "  usage-based lines: {} ({} of the target total), priced with assumptions; where it runs now: {} ({})",
        target.usage_based_lines,
        target.money(target.usage_monthly),
        source.usage_based_lines,
        source.money(source.usage_monthly)
    );
    let _ = writeln!(
        out,
        "  reservations: {} resources at reservation prices, {} priced pay-as-you-go for want of one here; where it runs now: {} and {}",
        target.reserved_resources, target.reservation_fallbacks, source.reserved_resources, source.reservation_fallbacks
    );
    let files = &report.scope.price_user_files;
    let _ = writeln!(
        out,
        "  prices: snapshot of {}{}",
        report.scope.price_snapshot_as_of.as_deref().unwrap_or("?"),
        if files.is_empty() {
            String::new()
        } else {
            format!("; {} rows used from your files ({})", cost.user_prices.rows_used, files.join(", "))
        }
    );
    for (title, target_list, source_list) in [
        ("By category", &target.by_category, &source.by_category),
        ("By type", &target.by_type, &source.by_type),
        ("By resource group", &target.by_resource_group, &source.by_resource_group),
    ] {
        if target_list.is_empty() && source_list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} ({region} / now)");
        breakdown(&mut out, (target_list, target.currency), (source_list, source.currency));
    }
    for (side, estimate) in [(format!("in {region}"), target), ("where it runs now".to_string(), source)] {
        if estimate.top_resources.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\nMost expensive {side}");
        let amounts: Vec<String> =
            estimate.top_resources.iter().map(|t| estimate.money(t.monthly).to_string()).collect();
        let width = amounts.iter().map(|a| a.chars().count()).max().unwrap_or(0);
        for (top, amount) in estimate.top_resources.iter().zip(&amounts) {
            let _ = writeln!(out, "  {amount:>width$}  {}", resource_label(report, top.resource));
        }
    }
    for (side, estimate) in [(format!("in {region}"), target), ("where it runs now".to_string(), source)] {
        unpriced(&mut out, report, &side, estimate);
    }
    if let Some(spend) = &cost.spend {
        spend_text(&mut out, report, spend);
    }
    out.push_str("\nAssumptions\n");
    for assumption in &cost.assumptions {
        let _ = writeln!(out, "  {assumption}");
    }
    for note in target.notes.iter().chain(&source.notes) {
        let _ = writeln!(out, "  note: {note}");
    }
    finish(out)
}

/// The plan: dependencies by kind, move groups, the waves with their tasks (method,
/// hours, data, when and on which worker), cycles with the edges forming them,
/// external dependencies, the critical path, the assumptions and the caveat.
pub fn plan(report: &Report) -> String {
    let p = &report.plan;
    let mut out = String::new();
    let resources: usize = p.waves.iter().map(|w| w.resources).sum();
    let _ = writeln!(
        out,
        "Migration plan: {resources} resources in {}, {} with the assumed bandwidth and workers",
        counted(p.waves.len(), "wave", "waves"),
        p.total_hours
    );
    let kinds: Vec<String> = p
        .dependencies_by_kind
        .iter()
        .map(|k| format!("{} {} ({} must exist first)", k.edges, k.kind, k.must_exist_first))
        .collect();
    if kinds.is_empty() {
        let _ = writeln!(out, "  {}", counted(p.edges.len(), "dependency", "dependencies"));
    } else {
        let _ = writeln!(out, "  {}: {}", counted(p.edges.len(), "dependency", "dependencies"), kinds.join(", "));
    }
    let _ = writeln!(
        out,
        "  {}, {} moving as one unit, {}",
        counted(p.groups.len(), "move group", "move groups"),
        counted(p.cycles.len(), "cycle", "cycles"),
        counted(p.external.len(), "external dependency", "external dependencies")
    );
    if !p.groups.is_empty() {
        out.push_str("\nMove groups\n");
        for group in &p.groups {
            let _ = writeln!(out, "  {} ({})", group.name, counted(group.resources.len(), "resource", "resources"));
        }
    }
    if !p.waves.is_empty() {
        out.push_str("\nWaves\n");
    }
    for wave in &p.waves {
        let _ = writeln!(
            out,
            "  wave {:>3}  {:>4} resources  {:<16}  {} to {} ({}), {}",
            wave.number,
            wave.resources,
            wave.phase,
            wave.start_hours,
            wave.end_hours,
            wave.makespan_hours,
            counted(wave.units, "move unit", "move units")
        );
        for task in &wave.tasks {
            task_line(&mut out, report, task);
        }
    }
    if !p.cycles.is_empty() {
        out.push_str("\nCycles (each moves as one unit)\n");
        for (index, cycle) in p.cycles.iter().enumerate() {
            let names: Vec<&str> = cycle.iter().map(|&r| resource_name(report, r)).collect();
            let _ = writeln!(out, "  {}", names.join(" <-> "));
            for &edge in p.cycle_edges.get(index).map_or(&[][..], Vec::as_slice) {
                if let Some(edge) = p.edges.get(edge) {
                    let _ = writeln!(
                        out,
                        "    {} -> {} via {} ({})",
                        resource_name(report, edge.from),
                        resource_name(report, edge.to),
                        edge.path,
                        edge.kind
                    );
                }
            }
        }
    }
    if !p.external.is_empty() {
        out.push_str("\nExternal dependencies (must exist in the target, or join the move)\n");
        for external in &p.external {
            let _ = writeln!(
                out,
                "  {} needs {} ({}, {})",
                resource_name(report, external.from),
                external.to,
                external.kind,
                external.path
            );
        }
    }
    if !p.critical_path.is_empty() {
        let names: Vec<&str> = p.critical_path.iter().map(|&r| resource_name(report, r)).collect();
        let _ = writeln!(out, "\nCritical path: {}", names.join(" -> "));
    }
    out.push_str("\nAssumptions\n");
    for a in &p.assumptions {
        let value = if a.unit.is_empty() { a.value.clone() } else { format!("{} {}", a.value, a.unit) };
        let _ = writeln!(
            out,
            "  {} = {value} ({}; applies to {})",
            a.name,
            a.why.trim_end_matches('.'),
            counted(a.applies_to, "resource", "resources")
        );
    }
    let _ = writeln!(out, "\n{}", p.caveat);
    finish(out)
}

/// Resources listed per target as Not ready there and ready elsewhere, before "and N
/// more".
const READY_ELSEWHERE_LISTED: usize = 10;

/// The comparison of targets: the rule, today's cost, the suggestion and its reasons, a
/// table of the targets from first to last, then each target's blockers, what blocks,
/// the resources Not ready there and ready elsewhere, and its pair.
pub fn comparison(report: &Report) -> String {
    let Some(section) = &report.comparison else {
        return finish("No comparison of targets was asked for.\n".to_string());
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Comparison of {} targets for {} resources, ranked by {} ({})",
        section.rows.len(),
        report.summary.resources,
        section.rule,
        section.ranking
    );
    if let Some(today) = &section.today {
        let _ = writeln!(
            out,
            "  today: {} a month{}",
            today.money(),
            today.priced_percent.map(|p| format!(" ({p} of chargeable resources priced)")).unwrap_or_default()
        );
    }
    if let Some(suggestion) = &section.suggestion {
        let _ = writeln!(out, "\nSuggestion: {} ({})", suggestion.target_name, suggestion.target);
        for reason in &suggestion.reasons {
            let _ = writeln!(out, "  - {reason}");
        }
    }
    out.push_str("\nTargets, first to last\n");
    let _ = writeln!(
        out,
        "  {:>2}  {:<30} {:>5} {:>5} {:>9} {:>7} {:>8}  {:>18} {:>8}  {:>10} {:>5}  notes",
        "#", "target", "ready", "cond.", "not ready", "unknown", "blockers", "monthly", "priced", "plan", "waves"
    );
    for row in &section.rows {
        let notes = row.notes();
        let _ = writeln!(
            out,
            "  {:>2}  {:<30} {:>5} {:>5} {:>9} {:>7} {:>8}  {:>18} {:>8}  {:>10} {:>5}  {}",
            row.rank,
            format!("{} ({})", row.target_name, row.target),
            row.count("ready"),
            row.count("ready-with-conditions"),
            row.count("not-ready"),
            row.count("unknown"),
            row.blockers,
            row.money().to_string(),
            row.priced_percent.map_or("n/a".to_string(), |p| p.to_string()),
            row.plan_hours.to_string(),
            row.waves,
            notes.join(", ")
        );
    }
    for row in &section.rows {
        let _ = writeln!(out, "\n{}. {} ({}){}", row.rank, row.target_name, row.target, cloud_suffix(&row.cloud));
        let categories: Vec<String> =
            row.blockers_by_category.iter().map(|c| format!("{} {}", c.label, c.count)).collect();
        let _ = writeln!(
            out,
            "  {} blockers{}, {} warnings",
            row.blockers,
            if categories.is_empty() { String::new() } else { format!(" ({})", categories.join(", ")) },
            row.warnings
        );
        let _ = writeln!(
            out,
            "  monthly {}{}, {} unpriced{}; plan {} in {} waves",
            row.money(),
            row.priced_percent.map(|p| format!(" ({p} priced)")).unwrap_or_default(),
            row.unpriced,
            row.change().map(|c| format!(", change from today {}", c.change())).unwrap_or_default(),
            row.plan_hours,
            row.waves
        );
        if !row.blocked.is_empty() {
            out.push_str("  blocked by:\n");
            for blocked in &row.blocked {
                let _ = writeln!(
                    out,
                    "    {} ({} {}): {} resource(s)",
                    blocked.what, blocked.rule, blocked.rule_name, blocked.resources
                );
            }
        }
        if !row.ready_elsewhere.is_empty() {
            let _ = writeln!(out, "  Not ready here, ready elsewhere ({}):", row.ready_elsewhere.len());
            for resource in row.ready_elsewhere.iter().take(READY_ELSEWHERE_LISTED) {
                let _ = writeln!(
                    out,
                    "    {}: ready in {}",
                    resource_label(report, resource.resource),
                    resource.ready_in.join(", ")
                );
            }
            if row.ready_elsewhere.len() > READY_ELSEWHERE_LISTED {
                let _ = writeln!(out, "    and {} more", row.ready_elsewhere.len() - READY_ELSEWHERE_LISTED);
            }
        }
        if let Some(paired) = &row.paired {
            let _ = writeln!(out, "  pair: {} ({}): {}", paired.region_name, paired.region, paired.readiness());
        }
        if !row.notice.is_empty() {
            let _ = writeln!(out, "  {}: {}", if row.restricted { "restricted" } else { "notice" }, row.notice);
        }
    }
    finish(out)
}

fn cloud_suffix(cloud: &str) -> String {
    if cloud.is_empty() {
        String::new()
    } else {
        format!(", {cloud}")
    }
}

/// The diagnostics, one each (with its hint below it); empty when there are none.
pub fn diagnostics(report: &Report) -> String {
    if report.diagnostics.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nDiagnostics\n");
    for d in &report.diagnostics {
        let _ = write!(out, "  {}[{}]", d.severity, d.code);
        if !d.file.is_empty() {
            let _ = write!(out, " {}", d.file);
        }
        if !d.location.is_empty() {
            let _ = write!(out, " ({})", d.location);
        }
        let _ = writeln!(out, ": {}", d.message);
        if !d.hint.is_empty() {
            let _ = writeln!(out, "    hint: {}", d.hint);
        }
    }
    finish(out)
}

/// Every resource's findings, blockers first (the order of the groups).
fn findings_per_resource(report: &Report) -> Vec<Vec<(&FindingGroup, &FindingRow)>> {
    let mut per_resource: Vec<Vec<(&FindingGroup, &FindingRow)>> = vec![Vec::new(); report.resources.len()];
    for group in &report.readiness.groups {
        for finding in &group.findings {
            if let Some(list) = per_resource.get_mut(finding.resource) {
                list.push((group, finding));
            }
        }
    }
    per_resource
}

/// One breakdown of both sides, labels in alphabetical order, `-` where a side has none.
fn breakdown(out: &mut String, target: (&[super::Amount], Currency), source: (&[super::Amount], Currency)) {
    let mut rows: BTreeMap<&str, [String; 2]> = BTreeMap::new();
    for (side, (list, currency)) in [target, source].into_iter().enumerate() {
        for amount in list {
            let row = rows.entry(&amount.label).or_insert_with(|| ["-".to_string(), "-".to_string()]);
            row[side] = Money::new(amount.monthly, currency).to_string();
        }
    }
    let label_width = rows.keys().map(|l| l.chars().count()).max().unwrap_or(0);
    let widths = [0, 1].map(|side| rows.values().map(|r| r[side].chars().count()).max().unwrap_or(0));
    for (label, [target, source]) in &rows {
        let _ = writeln!(out, "  {label:<label_width$}  {target:>w0$}  {source:>w1$}", w0 = widths[0], w1 = widths[1]);
    }
}

/// The unpriced resources of one side, by reason.
fn unpriced(out: &mut String, report: &Report, side: &str, estimate: &EstimateView) {
    let count: usize = estimate.unpriced.iter().map(|bin| bin.resources.len()).sum();
    if count == 0 {
        return;
    }
    // Resources the spend export prices (source side) are counted, not listed.
    let with_spend: usize =
        estimate.unpriced.iter().flat_map(|bin| &bin.resources).filter(|row| row.actual_monthly.is_some()).count();
    if with_spend == 0 {
        let _ = writeln!(out, "\nNot priced {side} ({count}), never counted as zero");
    } else {
        let _ = writeln!(
            out,
            "\nNot priced {side} at list prices ({count}), never counted as zero: {with_spend} of them have actual spend (see Today's actual spend), the other {}:",
            count - with_spend
        );
    }
    for bin in &estimate.unpriced {
        let rows: Vec<_> = bin.resources.iter().filter(|row| row.actual_monthly.is_none()).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {} ({})", bin.reason, rows.len());
        for row in rows {
            let label =
                row.resource.map_or_else(|| "(not in the inventory)".to_string(), |p| resource_label(report, p));
            if row.detail.is_empty() {
                let _ = writeln!(out, "    {label}: {}", row.hint);
            } else {
                let _ = writeln!(out, "    {label}, {}: {}", row.detail, row.hint);
            }
        }
    }
}

/// Today's actual spend: the files, the resources with the most spend, the spend on no
/// resource of the inventory, and the chargeable resources without spend.
fn spend_text(out: &mut String, report: &Report, spend: &super::SpendView) {
    let _ = writeln!(
        out,
        "\nToday's actual spend: {} a month ({}; {})",
        spend.amount(spend.total_monthly),
        spend.basis.as_deref().unwrap_or("cost"),
        spend.period()
    );
    for file in &spend.files {
        match &file.error {
            Some(error) => {
                let _ = writeln!(out, "  {}  NOT USED: {error}", file.name);
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {}  {}, column {}: {} rows, {} used, {} rejected",
                    file.name,
                    file.kind.as_deref().unwrap_or("?"),
                    file.amount_column.as_deref().unwrap_or("?"),
                    file.rows,
                    file.rows_used,
                    file.rows_rejected
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "  matched: {} resources, {} a month; on no resource of the inventory: {} a month",
        spend.matched_resources,
        spend.amount(spend.matched_monthly),
        spend.amount(spend.unmatched_monthly)
    );
    if !spend.top_resources.is_empty() {
        out.push_str("\nMost spend today\n");
        let amounts: Vec<String> = spend.top_resources.iter().map(|t| spend.amount(t.monthly)).collect();
        let width = amounts.iter().map(|a| a.chars().count()).max().unwrap_or(0);
        for (top, amount) in spend.top_resources.iter().zip(&amounts) {
            let _ = writeln!(out, "  {amount:>width$}  {}", resource_label(report, top.resource));
        }
    }
    if !spend.unmatched.is_empty() {
        let _ = writeln!(out, "\nSpend on no resource of the inventory ({})", spend.unmatched.len());
        for row in &spend.unmatched {
            let id = if row.resource_id.is_empty() { "(no resource id)" } else { &row.resource_id };
            let _ = writeln!(out, "  {}  {id}  {}, {} rows", spend.amount(row.monthly), row.why, row.rows);
        }
    }
    if !spend.without_spend.is_empty() {
        let _ = writeln!(out, "\nChargeable resources without spend ({})", spend.without_spend.len());
        for position in &spend.without_spend {
            let _ = writeln!(out, "  {}", resource_label(report, *position));
        }
    }
    for note in &spend.notes {
        let _ = writeln!(out, "  note: {note}");
    }
}

/// `name (type)  method  2.01 h (2 h fixed + 0.01 h to copy 1 GB, assumed (other-data-gb)), 9.75 h to 11.76 h on worker 2`.
fn task_line(out: &mut String, report: &Report, task: &TaskRow) {
    let _ = write!(out, "      {}  {}  {}", resource_label(report, task.resource), task.method, task.hours);
    if let Some(gb) = task.data_gb {
        let _ = write!(
            out,
            " ({} fixed + {} to copy {} GB, {})",
            task.fixed_hours,
            task.transfer_hours,
            gb.normalize(),
            task.data_basis
        );
    }
    let _ = writeln!(out, ", {} to {} on worker {}", task.start_hours, task.end_hours, task.worker + 1);
}

/// `1 wave`, `2 waves`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn resource_name(report: &Report, position: usize) -> &str {
    report.resources.get(position).map_or("?", |r| r.name.as_str())
}

/// `name (type)`.
fn resource_label(report: &Report, position: usize) -> String {
    match report.resources.get(position) {
        Some(resource) => format!("{} ({})", resource.name, resource.resource_type),
        None => "?".to_string(),
    }
}

/// The text with every control character but the line feed replaced by U+FFFD.
fn finish(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text;
    }
    text.chars().map(|c| if c.is_control() && c != '\n' { '\u{fffd}' } else { c }).collect()
}
