//! The AFL++ harness: `regionshift-fuzz TARGET` reads test cases from AFL (persistent
//! mode) and runs each through `regionshift_dev::fuzz::run`. A panic aborts the process,
//! which AFL records as a crash. Build and run it with `scripts/fuzz TARGET SECONDS`.

use regionshift_dev::fuzz::{run, Target};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = Target::from_name(&name) else {
        let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
        eprintln!("usage: regionshift-fuzz TARGET (one of {})", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| {
        run(target, data);
    });
}
