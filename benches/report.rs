//! Report benchmark.
fn main() {}
