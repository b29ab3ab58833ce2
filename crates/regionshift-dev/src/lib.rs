//! RegionShift's development tools, never shipped: the deterministic synthetic estate the
//! benchmarks and scale tests use ([`synth`]), and the generator of the sample estate the
//! app ships, `data/sample-estate.json` ([`sample`]).

pub mod sample;
pub mod synth;
