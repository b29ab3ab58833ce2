//! RegionShift's development tools, never shipped: the deterministic synthetic estate the
//! benchmarks and scale tests use ([`synth`]), the generator of the sample estate the
//! app ships, `data/sample-estate.json` ([`sample`]), and synthetic Cost Management
//! exports for the spend benchmark and fixtures ([`spend`]).

pub mod sample;
pub mod spend;
pub mod synth;
