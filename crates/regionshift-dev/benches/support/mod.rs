//! What the benchmarks share: reading their size from the environment, and medians.

use std::process::ExitCode;
use std::time::Duration;

/// How a benchmark runs: `cargo bench` passes `--bench` (full size, several runs, limits
/// checked); `cargo test` builds and runs it once, small, as a smoke test.
pub struct Settings {
    pub benching: bool,
    pub resources: usize,
    pub runs: usize,
}

/// Reads `--bench` and `REGIONSHIFT_BENCH_RESOURCES`; a bad count is an error.
pub fn settings(full: usize, smoke: usize, runs: usize) -> Result<Settings, ExitCode> {
    let benching = std::env::args().any(|arg| arg == "--bench");
    let resources = match std::env::var("REGIONSHIFT_BENCH_RESOURCES") {
        Ok(text) => match text.trim().replace('_', "").parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("REGIONSHIFT_BENCH_RESOURCES must be a positive whole number, not {text:?}");
                return Err(ExitCode::FAILURE);
            }
        },
        Err(_) if benching => full,
        Err(_) => smoke,
    };
    Ok(Settings { benching, resources, runs: if benching { runs } else { 1 } })
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
