//! The migration plan of the sample estate, as a golden file, and the properties an
//! architect checks first: foundation moves first, and no resource moves before
//! something it needs.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test plan` and review the diff.

mod common;

use common::golden;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use regionshift_core::inventory::Inventory;
use regionshift_core::plan::{plan, Phase, Plan, PlanOptions};

fn sample() -> Inventory {
    common::sample_inventory()
}

/// A stable, reviewable rendering of the whole plan.
fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for edge in &plan.edges {
        let entry = kinds.entry(edge.kind.label().to_string()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(edge.must_exist_first);
    }
    writeln!(out, "edges {}", plan.edges.len()).unwrap();
    for (kind, (count, must)) in &kinds {
        writeln!(out, "  {kind}: {count} ({must} must exist first)").unwrap();
    }
    writeln!(out, "external dependencies {}", plan.external.len()).unwrap();
    for external in &plan.external {
        writeln!(out, "  {} -> {} [{}] {}", external.from, external.to, external.kind, external.path).unwrap();
    }
    writeln!(out, "cycles {}", plan.cycles.len()).unwrap();
    for cycle in &plan.cycles {
        writeln!(out, "  cycle of {}", cycle.resources.len()).unwrap();
        for &position in &cycle.edges {
            let edge = &plan.edges[position];
            writeln!(out, "    {} -> {} [{}] {}", edge.from, edge.to, edge.kind, edge.path).unwrap();
        }
    }
    writeln!(out, "groups {}", plan.groups.len()).unwrap();
    for group in &plan.groups {
        writeln!(out, "  {} ({} resources)", group.name, group.resources.len()).unwrap();
    }
    writeln!(out, "waves {}", plan.waves.len()).unwrap();
    for wave in &plan.waves {
        writeln!(
            out,
            "  wave {} {}: {} resources, {} units, {}h to {}h (makespan {}h)",
            wave.number,
            wave.phase.label(),
            wave.resources.len(),
            wave.units,
            wave.start_hours,
            wave.end_hours,
            wave.makespan_hours
        )
        .unwrap();
        for task in &wave.tasks {
            let data = match &task.data_gb {
                Some(gb) => format!(" data {gb} GB ({:?})", task.data_basis),
                None => String::new(),
            };
            writeln!(
                out,
                "    {} {} fixed {}h transfer {}h = {}h, {}h-{}h on worker {}{data}",
                task.resource.name(),
                task.method.label(),
                task.fixed_hours,
                task.transfer_hours,
                task.hours,
                task.start_hours,
                task.end_hours,
                task.worker
            )
            .unwrap();
        }
    }
    writeln!(out, "total {}h", plan.total_hours).unwrap();
    writeln!(out, "critical path").unwrap();
    for id in &plan.critical_path {
        writeln!(out, "  {}", id.name()).unwrap();
    }
    writeln!(out, "assumptions").unwrap();
    for assumption in &plan.assumptions {
        writeln!(
            out,
            "  {} = {} {} (applies to {}): {}",
            assumption.name, assumption.value, assumption.unit, assumption.applies_to, assumption.why
        )
        .unwrap();
    }
    writeln!(out, "caveat: {}", plan.caveat).unwrap();
    out
}

#[test]
fn the_sample_estate_plan_matches_its_golden_file() {
    golden("plan-sample.txt", &render(&plan(&sample(), &PlanOptions::default())));
}

#[test]
fn the_sample_estate_plan_moves_foundation_first_and_needs_nothing_later() {
    let plan = plan(&sample(), &PlanOptions::default());
    let first = plan.waves.first().expect("a wave");
    assert_eq!(first.phase, Phase::Foundation);
    let phases: Vec<Phase> = plan.waves.iter().map(|w| w.phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]), "phases out of order: {phases:?}");
    let mut wave_of = HashMap::new();
    for wave in &plan.waves {
        for id in &wave.resources {
            wave_of.insert(id.key().to_string(), wave.number);
        }
    }
    for edge in &plan.edges {
        let (from, to) = (wave_of[edge.from.key()], wave_of[edge.to.key()]);
        assert!(to <= from, "{} (wave {from}) needs {} (wave {to}), a later wave", edge.from, edge.to);
    }
    assert!(!plan.caveat.is_empty());
}
