//! What the benchmarks share: reading their size from the environment, a stopwatch on
//! the thread's CPU time, and medians.
//!
//! The gates compare times measured in one run, on a shared machine. Wall-clock time
//! counts every moment another process holds the core, so a gate such as "the plan is
//! no slower than the import" failed or passed with the machine's load. [`Stopwatch`]
//! reads the thread's own CPU time instead (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`,
//! to the nanosecond), which other processes barely move; medians of several runs take
//! out the rest. Elsewhere it falls back to wall-clock time, and says so.

// Reading the thread's CPU clock is one libc call; nothing else here is unsafe.
#![allow(unsafe_code)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

/// How a benchmark runs: `cargo bench` passes `--bench` (full size, several runs, limits
/// checked); `cargo test` builds and runs it once, small, as a smoke test.
pub struct Settings {
    pub benching: bool,
    pub resources: usize,
    pub runs: usize,
    /// The size the limits were set for; a smaller run (CI's) gets [`Settings::margin`].
    pub full: usize,
}

impl Settings {
    /// How much slack a time limit gets: none at the full size, half as much again below
    /// it (CI's reduced size, where fixed costs weigh more and times are short), and
    /// three times for `cargo test`'s single small smoke run, which still fails on a
    /// gross regression rather than comparing nothing.
    pub fn margin(&self) -> f64 {
        if !self.benching {
            3.0
        } else if self.resources >= self.full {
            1.0
        } else {
            1.5
        }
    }
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
    Ok(Settings { benching, resources, runs: if benching { runs } else { 1 }, full })
}

/// This thread's CPU time so far, where the system tells it.
#[cfg(unix)]
fn thread_cpu() -> Option<Duration> {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec for the duration of the call.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    let seconds = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    (status == 0).then(|| Duration::new(seconds, nanos))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

/// What [`Stopwatch`] measures on this machine.
pub fn clock() -> &'static str {
    if thread_cpu().is_some() {
        "thread CPU time"
    } else {
        "wall-clock time (no per-thread CPU time here)"
    }
}

/// Measures the calling thread's CPU time, or wall-clock time where that is unknown.
pub struct Stopwatch {
    cpu: Option<Duration>,
    wall: Instant,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch { cpu: thread_cpu(), wall: Instant::now() }
    }

    pub fn elapsed(&self) -> Duration {
        match (self.cpu, thread_cpu()) {
            (Some(start), Some(now)) => now.saturating_sub(start),
            _ => self.wall.elapsed(),
        }
    }
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
