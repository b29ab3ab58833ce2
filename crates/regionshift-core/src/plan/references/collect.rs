//! Candidate edges and external dependencies as they are found, resource by resource,
//! and their merge into the result: at most one edge per pair of resources (kind and
//! path from the source that ranks first in [`Source`], then from the first found;
//! `must_exist_first` if any candidate says so) and one external dependency per
//! resource and key (the first found).

use super::edge::{Detected, ExternalDependency, IndexEdge};
use super::kind::EdgeKind;
use crate::azure::ResourceId;
use crate::plan::ResourceRef;

/// Which source of an edge wins when one pair is found more than once.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    Containment,
    Property,
    Soft,
    Declared,
}

struct Candidate {
    from: usize,
    to: usize,
    source: Source,
    order: usize,
    kind: EdgeKind,
    path: String,
    must_exist_first: bool,
}

/// What has been found so far; resources are visited in inventory order, each after
/// [`Collector::start`].
#[derive(Default)]
pub(super) struct Collector {
    candidates: Vec<Candidate>,
    /// With the resource's position and the key of what it needs, for the merge.
    external: Vec<(usize, String, ExternalDependency)>,
    /// The resource being visited.
    from: usize,
    /// Candidates found for it so far.
    order: usize,
}

impl Collector {
    /// Starts on the resource at position `from`.
    pub(super) fn start(&mut self, from: usize) {
        self.from = from;
        self.order = 0;
    }

    /// The resource being visited needs the resource at `to`.
    pub(super) fn edge(&mut self, to: usize, source: Source, kind: EdgeKind, path: String, must: bool) {
        self.order += 1;
        self.candidates.push(Candidate {
            from: self.from,
            to,
            source,
            order: self.order,
            kind,
            path,
            must_exist_first: must,
        });
    }

    /// The resource being visited needs something outside the inventory, named by `key`.
    pub(super) fn external(&mut self, key: String, dependency: ExternalDependency) {
        self.external.push((self.from, key, dependency));
    }

    /// A reference to a resource outside the inventory: it must exist in the target (or be
    /// added to the scope). Keyed by the top-level resource that must exist.
    pub(super) fn outside(&mut self, from_ref: &ResourceRef, reference: &ResourceId, path: String, kind: EdgeKind) {
        let top = reference.top_level();
        let dependency = ExternalDependency {
            from: from_ref.clone(),
            to: top.as_str().to_string(),
            reference: reference.as_str().to_string(),
            path,
            kind,
        };
        self.external(top.key().to_string(), dependency);
    }

    /// Merges what was found: edges sorted by `(from, to)`, one per pair; external
    /// dependencies sorted by resource and key, one per pair.
    pub(super) fn finish(self) -> Detected {
        let Collector { mut candidates, mut external, .. } = self;
        // Candidates come in inventory order already: only each resource's own need sorting.
        for own in candidates.chunk_by_mut(|a, b| a.from == b.from) {
            own.sort_unstable_by_key(|c| (c.to, c.source, c.order));
        }
        debug_assert!(candidates.windows(2).all(|w| w[0].from <= w[1].from));
        let mut edges: Vec<IndexEdge> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            if let Some(last) = edges.last_mut() {
                if last.from == candidate.from && last.to == candidate.to {
                    last.must_exist_first |= candidate.must_exist_first;
                    continue;
                }
            }
            edges.push(IndexEdge {
                from: candidate.from,
                to: candidate.to,
                kind: candidate.kind,
                path: candidate.path,
                must_exist_first: candidate.must_exist_first,
            });
        }
        // Stable: the first reference found of a pair keeps its path.
        external.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        external.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
        Detected { edges, external: external.into_iter().map(|(_, _, dependency)| dependency).collect() }
    }
}
