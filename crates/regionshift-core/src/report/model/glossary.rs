//! The glossary: the report's terms and what they mean here (the same in every report).

use super::GlossaryEntry;

/// Every term, in reading order.
pub(super) fn glossary() -> Vec<GlossaryEntry> {
    [
        ("Readiness", "Whether a resource can move to the target as it is: Ready, Ready with conditions (warnings to act on), Not ready (a blocker), or Unknown (the input lacks what a check needs; never a silent pass)."),
        ("Blocker", "A finding that stops the resource from moving as it is; the remediation says what to change."),
        ("Finding", "One problem or remark about one resource, from a rule of data/rules.json, with its evidence (property path and value) and, when it rests on the catalog, what each source says (kind, where to check it, date), the deciding one by precedence and whether any disagrees."),
        ("Migration method", "How a resource gets to the target: replication, Resource Mover, redeploying a template, backup and restore, copying data, or recreating it."),
        ("Unpriced", "A resource the estimate could not price, with the reason and a hint; it counts as nothing in any total, never as zero cost."),
        ("Coverage", "The priced share of the resources that cost something; the source cost coverage is the share of today's priced cost that the target figure also prices."),
        ("Dependency", "A reference from one resource to another (network, data, identity, security, monitoring, hosting, containment or a template's dependsOn): the dependency moves first or with it."),
        ("Cycle", "Resources that depend on each other in a circle; they move together as one unit."),
        ("External dependency", "A reference to something outside the inventory: it must exist in the target already or be added to the scope."),
        ("Move group", "Resources that should move together (a migration package)."),
        ("Wave", "Resources that move in one step after every earlier wave has finished; foundation first, then data, compute and apps, then monitoring."),
        ("Gantt chart", "The waves and their tasks on a time axis in hours from the start of the move."),
        ("Critical path", "The chain of tasks in each wave that decided when it ended."),
        ("Pseudonym", "In a redacted report, a stable stand-in (vm-3, rg-2, sub-1, ip-4) for a name, id, subscription, resource group, tag or IP address."),
    ]
    .into_iter()
    .map(|(term, meaning)| GlossaryEntry { term: term.to_string(), meaning: meaning.to_string() })
    .collect()
}
