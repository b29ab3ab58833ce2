//! RegionShift's development tools, never shipped: the deterministic synthetic estate the
//! benchmarks and scale tests use ([`synth`]).

pub mod synth;
