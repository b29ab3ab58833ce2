//! The synthetic estate the benchmarks use, analysed end to end: its configuration
//! references become plan edges, its back-references do not, and waves respect them.

use std::collections::HashMap;

use regionshift_core::inventory::{import, ImportOptions};

use regionshift_core::input::InputFile;
use regionshift_core::plan::{plan, PlanOptions};
use regionshift_dev::synth;

#[test]
fn a_synthetic_estate_plans_with_its_references() {
    let text = synth::resource_graph_export(2000, 7);
    let inventory = import(&[InputFile::new("synth.json", text)], &ImportOptions::default()).inventory;
    let plan = plan(&inventory, &PlanOptions::default());
    let mut wave_of: HashMap<&str, usize> = HashMap::new();
    for wave in &plan.waves {
        for resource in &wave.resources {
            wave_of.insert(resource.key(), wave.number);
        }
    }
    for edge in &plan.edges {
        assert!(wave_of[edge.to.key()] <= wave_of[edge.from.key()], "{} needs {}", edge.from, edge.to);
    }
    let per_resource = plan.edges.len() as f64 / inventory.len() as f64;
    assert!(per_resource > 1.5, "{per_resource} edges per resource");
}
