//! The scope section: the input files, counts by type, location, resource group and
//! subscription, the catalog and prices used (and which parts came from the user's
//! files), the options, what the input lacks and the export kit.

use super::{json_label, CatalogPartRow, ExportCommandRow, FileRow, GapRow, LabelCount, NameValue, Scope};
use crate::analysis::Analysis;
use crate::catalog::Provenance;
use crate::inventory::summary::Count;
use crate::plan::GroupBy;
use crate::report::redact::Redactor;
use crate::report::{Redaction, ReportOptions};
use crate::units::{Hours, Percent};

/// The scope of the analysis.
pub(super) fn scope(analysis: &Analysis, options: &ReportOptions, r: &mut Redactor) -> Scope {
    let summary = &analysis.summary;
    let mut source_regions: Vec<String> =
        summary.by_location.iter().map(|c| c.key.clone()).filter(|k| k != "(none)").collect();
    source_regions.sort_unstable();
    let files = analysis
        .files
        .iter()
        .map(|f| FileRow {
            name: r.file(&f.name),
            size: f.size,
            format: f.format.map(|format| json_label(&format)).unwrap_or_default(),
            format_label: f.format.map(|format| format.label().to_string()).unwrap_or_default(),
            encoding: f.encoding.map(|encoding| encoding.label().to_string()).unwrap_or_default(),
            records: f.records,
            imported: f.imported,
            skipped: f.skipped,
            error: f.error.as_ref().map(|e| r.text(&e.to_string())),
        })
        .collect();
    let by_type = counts(&summary.by_type, |text| text.to_string());
    let by_location = counts(&summary.by_location, |text| text.to_string());
    let by_resource_group = counts(&summary.by_resource_group, |text| r.group(text));
    let by_subscription = counts(&summary.by_subscription, |text| r.subscription(text));
    let catalog_user_files = analysis.catalog.user_files.iter().map(|f| r.file(f)).collect();
    let catalog_parts = catalog_parts(analysis, r);
    let price_user_files =
        analysis.cost.as_ref().map(|c| c.prices.user.files.iter().map(|f| r.file(f)).collect()).unwrap_or_default();
    let gaps = &analysis.completeness.gaps;
    Scope {
        files,
        by_type,
        by_location,
        by_resource_group,
        by_subscription,
        source_regions,
        catalog_as_of: analysis.catalog.as_of.clone(),
        catalog_user_files,
        catalog_parts,
        price_snapshot_as_of: analysis.cost.as_ref().map(|c| c.prices.snapshot_as_of.clone()),
        price_user_files,
        options: scope_options(analysis, options),
        gaps: gaps
            .iter()
            .map(|g| NameValue {
                name: r.text(&g.missing),
                value: r.text(&format!("{} resources: {} {}", g.resources, g.limits, g.remedy)),
            })
            .collect(),
        input_gaps: gaps
            .iter()
            .map(|g| GapRow {
                code: g.code.to_string(),
                resources: g.resources,
                missing: r.text(&g.missing),
                limits: r.text(&g.limits),
                remedy: r.text(&g.remedy),
            })
            .collect(),
        // The core's own commands: they name no resource, so there is nothing to redact
        // (and rewriting a command could break it).
        export_kit: analysis
            .completeness
            .export_kit
            .iter()
            .map(|c| ExportCommandRow {
                title: c.title.to_string(),
                shell: c.shell.to_string(),
                command: c.command.to_string(),
                why: c.why.to_string(),
            })
            .collect(),
    }
}

/// Counts with their keys and labels passed through `redact` (a group or subscription).
fn counts(counts: &[Count], mut redact: impl FnMut(&str) -> String) -> Vec<LabelCount> {
    counts.iter().map(|c| LabelCount { key: redact(&c.key), label: redact(&c.label), count: c.count }).collect()
}

/// Each catalog part per region and where it came from; the user's file names redacted.
fn catalog_parts(analysis: &Analysis, r: &mut Redactor) -> Vec<CatalogPartRow> {
    analysis
        .catalog
        .parts
        .iter()
        .map(|part| {
            let (origin, from) = match &part.provenance {
                Provenance::Snapshot { as_of, .. } => ("snapshot", as_of.clone()),
                Provenance::User { file } => ("user", r.file_list(file)),
            };
            CatalogPartRow {
                part: part.part.to_string(),
                region: part.region.clone().unwrap_or_default(),
                detail: part.detail.clone().unwrap_or_default(),
                origin: origin.to_string(),
                from,
            }
        })
        .collect()
}

fn scope_options(analysis: &Analysis, options: &ReportOptions) -> Vec<NameValue> {
    let mut list = Vec::new();
    let mut push = |name: &str, value: String| list.push(NameValue { name: name.to_string(), value });
    match &analysis.assessment {
        Some(a) => push("Target region", format!("{} ({})", a.target_display_name, a.target.as_str())),
        None => push("Target region", "none: no assessment, cost or target-specific plan".to_string()),
    }
    push("Report date", options.date.clone());
    push(
        "Redaction",
        match options.redact {
            Redaction::None => "none: names, ids and addresses as exported".to_string(),
            Redaction::Pseudonyms => {
                "names, ids, subscriptions, resource groups, tags and IP addresses replaced with pseudonyms".to_string()
            }
        },
    );
    if let Some(source) = &options.source {
        let o = &source.options;
        push("Pricing", json_label(&o.cost.pricing));
        push("Hybrid benefit", json_label(&o.cost.hybrid_benefit));
        push("Hours per month", Hours(o.cost.hours_per_month.get()).to_string());
        if let Some(discount) = o.cost.discount_percent {
            push("Discount", Percent(discount.get()).to_string());
        }
        push(
            "Move groups by",
            match &o.plan.group_by {
                GroupBy::Component => "connected resources (components)".to_string(),
                GroupBy::ResourceGroup => "resource group".to_string(),
                GroupBy::Tag(name) => format!("the value of the tag {name}"),
            },
        );
        push("Largest wave", o.plan.max_wave_size.to_string());
    }
    list
}
