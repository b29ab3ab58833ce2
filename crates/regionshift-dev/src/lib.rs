//! RegionShift's development tools, never shipped: the deterministic synthetic estate the
//! benchmarks and scale tests use ([`synth`]), the generator of the sample estate the
//! app ships, `data/sample-estate.json` ([`sample`]), synthetic Cost Management
//! exports for the spend benchmark and fixtures ([`spend`]), the fuzz targets ([`fuzz`],
//! driven by the coverage-guided fuzzer in `fuzz/`) and the seeded mutation runner through
//! the release CLI ([`mutate`]).

pub mod fuzz;
pub mod mutate;
pub mod sample;
pub mod spend;
pub mod synth;
