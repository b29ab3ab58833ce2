//! The committed sample estate is what its generator writes: a change to the generator
//! without regenerating `data/sample-estate.json` fails here (and in CI).
//! `cargo run -p regionshift-dev -- sample` regenerates it, as does `REGIONSHIFT_BLESS=1`.

use std::path::Path;

use regionshift_dev::sample;

#[test]
fn the_committed_sample_estate_is_the_generators_output() {
    let generated =
        sample::generate().unwrap_or_else(|problems| panic!("the sample estate is not consistent:\n{problems}"));
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(sample::PATH);
    if std::env::var_os("REGIONSHIFT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "{} is stale from line {}:\ncommitted: {}\ngenerated: {}\n\
             (run `cargo run -p regionshift-dev -- sample` and review the diff)",
            sample::PATH,
            line + 1,
            committed.lines().nth(line).unwrap_or("(no line)"),
            generated.lines().nth(line).unwrap_or("(no line)")
        );
    }
}
