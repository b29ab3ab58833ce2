//! The plan section: dependencies (and how many of each kind), cycles with the edges
//! forming them, move groups, waves with their tasks, the critical path, external
//! dependencies, the planning assumptions and the caveat. Hours are rounded here.

use std::collections::BTreeMap;

use super::{
    hours, AssumptionRow, EdgeRow, ExternalRow, GroupRow, KindCount, PlanSection, Positions, TaskRow, WaveRow,
};
use crate::analysis::Analysis;
use crate::plan::{DataBasis, Task, Wave};
use crate::report::redact::Redactor;
use crate::units::round_for_display;

/// The plan of the analysis (every analysis has one).
pub(super) fn plan(analysis: &Analysis, positions: &Positions, r: &mut Redactor) -> PlanSection {
    let plan = &analysis.plan;
    // Where each of the plan's edges is in the section's (edges leaving the inventory
    // are external dependencies, not edges).
    let mut edge_position: Vec<Option<usize>> = Vec::with_capacity(plan.edges.len());
    let mut edges: Vec<EdgeRow> = Vec::with_capacity(plan.edges.len());
    for edge in &plan.edges {
        let row = positions.get(&edge.from).zip(positions.get(&edge.to)).map(|(from, to)| EdgeRow {
            from,
            to,
            kind: edge.kind.label().to_string(),
            path: r.text(&edge.path),
            must_exist_first: edge.must_exist_first,
        });
        edge_position.push(row.as_ref().map(|_| edges.len()));
        edges.extend(row);
    }
    PlanSection {
        dependencies_by_kind: by_kind(&edges),
        cycles: plan.cycles.iter().map(|c| c.resources.iter().filter_map(|id| positions.get(id)).collect()).collect(),
        cycle_edges: plan
            .cycles
            .iter()
            .map(|c| c.edges.iter().filter_map(|&e| edge_position.get(e).copied().flatten()).collect())
            .collect(),
        edges,
        groups: plan
            .groups
            .iter()
            .map(|g| GroupRow {
                name: r.group_name(&g.name),
                resources: g.resources.iter().filter_map(|id| positions.get(id)).collect(),
            })
            .collect(),
        waves: plan.waves.iter().map(|wave| wave_row(wave, positions)).collect(),
        total_hours: hours(plan.total_hours),
        critical_path: plan.critical_path.iter().filter_map(|id| positions.get(id)).collect(),
        external: plan
            .external
            .iter()
            .filter_map(|e| {
                Some(ExternalRow {
                    from: positions.get(&e.from)?,
                    to: r.external(&e.to),
                    reference: r.external(&e.reference),
                    path: r.text(&e.path),
                    kind: e.kind.label().to_string(),
                })
            })
            .collect(),
        assumptions: plan
            .assumptions
            .iter()
            .map(|a| AssumptionRow {
                name: a.name.to_string(),
                value: a.value.clone(),
                unit: a.unit.to_string(),
                why: a.why.to_string(),
                applies_to: a.applies_to,
            })
            .collect(),
        caveat: plan.caveat.to_string(),
    }
}

/// How many edges of each kind, by kind.
fn by_kind(edges: &[EdgeRow]) -> Vec<KindCount> {
    let mut kinds: BTreeMap<&str, KindCount> = BTreeMap::new();
    for edge in edges {
        let count = kinds.entry(&edge.kind).or_insert_with(|| KindCount {
            kind: edge.kind.clone(),
            edges: 0,
            must_exist_first: 0,
        });
        count.edges += 1;
        count.must_exist_first += usize::from(edge.must_exist_first);
    }
    kinds.into_values().collect()
}

fn wave_row(wave: &Wave, positions: &Positions) -> WaveRow {
    WaveRow {
        number: wave.number,
        phase: wave.phase.label().to_string(),
        resources: wave.resources.len(),
        units: wave.units,
        start_hours: hours(wave.start_hours),
        end_hours: hours(wave.end_hours),
        makespan_hours: hours(wave.makespan_hours),
        tasks: wave.tasks.iter().filter_map(|task| task_row(task, positions)).collect(),
    }
}

fn task_row(task: &Task, positions: &Positions) -> Option<TaskRow> {
    Some(TaskRow {
        resource: positions.get(&task.resource)?,
        method: task.method.label().to_string(),
        hours: hours(task.hours),
        start_hours: hours(task.start_hours),
        end_hours: hours(task.end_hours),
        worker: task.worker,
        data_gb: task.data_gb.map(round_for_display),
        fixed_hours: hours(task.fixed_hours),
        transfer_hours: hours(task.transfer_hours),
        data_basis: match &task.data_basis {
            DataBasis::NoData => String::new(),
            DataBasis::Property(path) => format!("from {path}"),
            DataBasis::Assumption(name) => format!("assumed ({name})"),
            DataBasis::OtherTasks => "moves with other tasks".to_string(),
        },
    })
}
