//! The seeded mutation runner: mutates real inputs, price files and catalog files and
//! runs each case through the release `regionshift` binary with a time limit, the way a
//! person's odd file reaches it. Every case must end with exit code 0 or 1 and a
//! message; a panic (any other exit, a signal) or a hang (the time limit) is a failure,
//! saved with its command line so it can be replayed.
//!
//! ```text
//! cargo run -p regionshift-dev -- mutate --seed 1 --cases 3000 [--timeout 20] [--bin PATH]
//!     [--estate FILE] [--out DIR] FILE_OR_DIR...
//! ```
//!
//! Files are sorted into roles by what they hold: price files (`--prices`), catalog
//! files (`--catalog`), spend exports (`--spend`, when the binary has it) and
//! inventories (every command in turn). Price and catalog files are used with the
//! estate (`--estate`, by default the sample estate). The same seed, files and binary
//! give the same cases.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::fuzz::files_under;
use crate::synth::Rng;

/// What a file is given to the binary as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Inventory,
    Prices,
    Catalog,
    Spend,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Inventory => "inventory",
            Role::Prices => "prices",
            Role::Catalog => "catalog",
            Role::Spend => "spend",
        }
    }
}

/// Sorts a file into a role by its path and the words it holds.
pub fn role_of(path: &Path, bytes: &[u8]) -> Role {
    let lower_path = path.display().to_string().to_ascii_lowercase();
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(64 * 1024)).unwrap_or_default()).to_string();
    let has = |word: &str| head.contains(word);
    if lower_path.contains("/spend/")
        || has("CostInUsd")
        || has("costInBillingCurrency")
        || has("CostInBillingCurrency")
        || has("BilledCost")
        || has("ExtendedCost")
    {
        Role::Spend
    } else if lower_path.contains("/prices/")
        || lower_path.contains("/cost/")
        || has("retailPrice")
        || has("meterName")
        || has("unitOfMeasure")
    {
        Role::Prices
    } else if lower_path.contains("/catalog")
        || (has("resourceTypes") && has("namespace"))
        || (has("capabilities") && has("resourceType"))
    {
        Role::Catalog
    } else {
        Role::Inventory
    }
}

/// The runner's settings.
pub struct Settings {
    pub seed: u64,
    pub cases: usize,
    pub timeout: Duration,
    pub binary: PathBuf,
    pub estate: PathBuf,
    pub out: PathBuf,
    pub inputs: Vec<PathBuf>,
    /// Whether the binary takes spend exports (`--spend`).
    pub spend: bool,
}

/// How each case ended.
#[derive(Debug, Default)]
pub struct Tally {
    pub cases: usize,
    pub exit_0: usize,
    pub exit_1: usize,
    pub silent: usize,
    pub usage: usize,
    pub panics: usize,
    pub hangs: usize,
    pub by_role: [(usize, usize); 4],
    pub slowest: Duration,
}

impl Tally {
    pub fn failures(&self) -> usize {
        self.silent + self.usage + self.panics + self.hangs
    }
}

const DATE: &str = "2026-12-06";
const TARGETS: [&str; 4] = ["chinanorth3", "chinaeast2", "eastus", "chinanorth"];

/// Runs the cases and prints a line for each failure and a summary at the end.
///
/// # Errors
///
/// When there are no usable input files or the work folder cannot be written.
pub fn run(settings: &Settings) -> Result<Tally, String> {
    let mut files: Vec<(PathBuf, Vec<u8>, Role)> = Vec::new();
    for path in files_under(&settings.inputs) {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // Large files make slow cases and add little: their start is what readers sniff.
        if bytes.is_empty() || bytes.len() > 4 * 1024 * 1024 {
            continue;
        }
        let role = role_of(&path, &bytes);
        if role == Role::Spend && !settings.spend {
            continue;
        }
        files.push((path, bytes, role));
    }
    if files.is_empty() {
        return Err("no input files (give files or folders of real exports, price and catalog files)".to_string());
    }
    let work = settings.out.join("work");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let failures_dir = settings.out.join("failures");
    let mut rng = Rng(settings.seed);
    let mut tally = Tally::default();
    println!(
        "mutate: seed {}, {} cases over {} files ({} inventories, {} price, {} catalog, {} spend), {} s per case, binary {}",
        settings.seed,
        settings.cases,
        files.len(),
        files.iter().filter(|f| f.2 == Role::Inventory).count(),
        files.iter().filter(|f| f.2 == Role::Prices).count(),
        files.iter().filter(|f| f.2 == Role::Catalog).count(),
        files.iter().filter(|f| f.2 == Role::Spend).count(),
        settings.timeout.as_secs(),
        settings.binary.display()
    );
    for case in 0..settings.cases {
        let pick = (rng.next() % files.len() as u64) as usize;
        let Some((path, original, role)) = files.get(pick) else { continue };
        let other = files.get((rng.next() % files.len() as u64) as usize).map_or(&original[..], |f| &f.1[..]);
        let mut bytes = original.clone();
        let mut applied = Vec::new();
        for _ in 0..rng.range(1, 4) {
            applied.push(mutate(&mut rng, &mut bytes, other));
        }
        let name = path.file_name().map_or_else(|| "input".into(), |n| n.to_string_lossy().to_string());
        let case_dir = work.join(format!("{}", case % 4));
        let _ = std::fs::remove_dir_all(&case_dir);
        std::fs::create_dir_all(case_dir.join("out")).map_err(|e| format!("{}: {e}", case_dir.display()))?;
        let mutated = case_dir.join(&name);
        std::fs::write(&mutated, &bytes).map_err(|e| format!("{}: {e}", mutated.display()))?;
        let args = command_for(&mut rng, *role, &mutated, &settings.estate, &case_dir.join("out"));
        let outcome = run_case(&settings.binary, &args, settings.timeout);
        tally.cases += 1;
        tally.slowest = tally.slowest.max(outcome.elapsed);
        let slot = match role {
            Role::Inventory => 0,
            Role::Prices => 1,
            Role::Catalog => 2,
            Role::Spend => 3,
        };
        if let Some(counts) = tally.by_role.get_mut(slot) {
            counts.0 += 1;
        }
        let failure = match outcome.end {
            End::Exited(0) if outcome.said_something => {
                tally.exit_0 += 1;
                None
            }
            End::Exited(1) if outcome.said_something => {
                tally.exit_1 += 1;
                None
            }
            End::Exited(0 | 1) => {
                tally.silent += 1;
                Some("no message")
            }
            End::Exited(2) => {
                tally.usage += 1;
                Some("usage error")
            }
            End::Exited(_) | End::Signal => {
                tally.panics += 1;
                Some("panic")
            }
            End::TimedOut => {
                tally.hangs += 1;
                Some("hang")
            }
        };
        if let Some(kind) = failure {
            if let Some(counts) = tally.by_role.get_mut(slot) {
                counts.1 += 1;
            }
            let kept = failures_dir.join(format!("case-{case}"));
            let _ = std::fs::create_dir_all(&kept);
            let _ = std::fs::write(kept.join(&name), &bytes);
            let mut note = String::new();
            let _ = writeln!(note, "{kind} ({:?}) after {:.1} s", outcome.end, outcome.elapsed.as_secs_f64());
            let _ = writeln!(note, "role {}, from {}", role.label(), path.display());
            let _ = writeln!(note, "mutations: {}", applied.join("; "));
            let _ = writeln!(note, "command: {} {}", settings.binary.display(), args.join(" "));
            let _ = writeln!(note, "--- stderr ---\n{}", outcome.stderr);
            let _ = std::fs::write(kept.join("CASE.txt"), &note);
            println!(
                "case {case}: {kind} ({:?}), {} from {} [{}], kept in {}",
                outcome.end,
                role.label(),
                path.display(),
                applied.join("; "),
                kept.display()
            );
            if let Some(line) = outcome.stderr.lines().find(|l| l.contains("panicked")) {
                println!("    {line}");
            }
        }
        if (case + 1) % 250 == 0 {
            println!(
                "  {} cases: {} exit 0, {} exit 1, {} failures",
                case + 1,
                tally.exit_0,
                tally.exit_1,
                tally.failures()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(tally)
}

fn command_for(rng: &mut Rng, role: Role, file: &Path, estate: &Path, out: &Path) -> Vec<String> {
    let file = file.display().to_string();
    let estate = estate.display().to_string();
    let target = rng.pick(&TARGETS).to_string();
    let s = |text: &str| text.to_string();
    let mut args = match role {
        Role::Prices => {
            vec![s(if rng.chance(70) { "cost" } else { "analyze" }), estate, s("--target"), target, s("--prices"), file]
        }
        Role::Catalog => {
            vec![
                s(if rng.chance(70) { "assess" } else { "analyze" }),
                estate,
                s("--target"),
                target,
                s("--catalog"),
                file,
            ]
        }
        Role::Spend => vec![s("analyze"), estate, s("--target"), target, s("--spend"), file],
        Role::Inventory => match rng.range(0, 5) {
            0 => vec![s("inventory"), file],
            1 => vec![s("assess"), file, s("--target"), target],
            2 => vec![s("cost"), file, s("--target"), target],
            3 => vec![s("plan"), file],
            4 => vec![s("inventory"), file, s("--json")],
            _ => vec![s("analyze"), file, s("--target"), target],
        },
    };
    if args.first().is_some_and(|command| command == "analyze") && rng.chance(50) {
        let out = out.display().to_string();
        args.extend([
            s("--html"),
            format!("{out}/report.html"),
            s("--json"),
            format!("{out}/report.json"),
            s("--csv"),
            out.clone(),
            s("--markdown"),
            format!("{out}/summary.md"),
        ]);
        if rng.chance(30) {
            args.push(s("--redact"));
        }
    }
    args.extend([s("--date"), s(DATE)]);
    args
}

#[derive(Debug, Clone, Copy)]
enum End {
    Exited(i32),
    Signal,
    TimedOut,
}

struct Outcome {
    end: End,
    said_something: bool,
    stderr: String,
    elapsed: Duration,
}

fn run_case(binary: &Path, args: &[String], timeout: Duration) -> Outcome {
    let started = Instant::now();
    let child = Command::new(binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_BACKTRACE", "0")
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            return Outcome {
                end: End::Signal,
                said_something: false,
                stderr: format!("cannot start {}: {error}", binary.display()),
                elapsed: started.elapsed(),
            }
        }
    };
    // Drain both pipes on their own threads so a chatty case cannot block on a full pipe.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(pipe) = stdout.as_mut() {
            let _ = pipe.read_to_end(&mut buffer);
        }
        buffer.len()
    });
    let err_reader = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.read_to_end(&mut buffer);
        }
        String::from_utf8_lossy(&buffer).to_string()
    });
    let status: Option<ExitStatus> = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let elapsed = started.elapsed();
    let out_len = out_reader.join().unwrap_or(0);
    let stderr = err_reader.join().unwrap_or_default();
    let end = match status {
        None => End::TimedOut,
        Some(status) => status.code().map_or(End::Signal, End::Exited),
    };
    Outcome { end, said_something: out_len > 0 || !stderr.trim().is_empty(), stderr, elapsed }
}

/// Hostile text, numbers and structures the mutations insert.
const TOKENS: &[&str] = &[
    "1E28",
    "9999999999999999999999999999",
    "79228162514264337593543950335",
    "-79228162514264337593543950336",
    "1e400",
    "-1",
    "-0",
    "0.0000000000000000000000000001",
    "1.5E-30",
    "NaN",
    "Infinity",
    "É1 LRS Disk",
    "É",
    "日本語",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\0",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "<script>alert(1)</script>",
    "</script>",
    "=cmd|' /C calc'!A0",
    "[concat('a', parameters('x'))]",
    "[parameters(",
    "[[[[[[[[[[",
    "/subscriptions//resourceGroups//providers/",
    "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/",
    "null",
    "true",
    "{}",
    "[]",
    ",",
    ";",
    "\t",
    "\r\n",
    "sep=;\n",
    "😀",
];

fn random_index(rng: &mut Rng, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        (rng.next() % (len as u64 + 1)) as usize
    }
}

/// Applies one random mutation and says which.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, other: &[u8]) -> String {
    let len = bytes.len();
    match rng.range(0, 13) {
        0 => {
            let at = random_index(rng, len.saturating_sub(1));
            if let Some(byte) = bytes.get_mut(at) {
                *byte ^= 1 << rng.range(0, 7);
            }
            format!("flip a bit at {at}")
        }
        1 => {
            let at = random_index(rng, len.saturating_sub(1));
            let value =
                rng.pick(&[0u8, 0xFF, b'"', b',', b'\n', b'{', b'}', b'[', b']', b';', b'\t', 0x80, 0xC3, b'\\']);
            if let Some(byte) = bytes.get_mut(at) {
                *byte = value;
            }
            format!("byte {value:#04x} at {at}")
        }
        2 | 3 => {
            let at = random_index(rng, len);
            let token = rng.pick(TOKENS);
            bytes.splice(at..at, token.bytes());
            format!("insert {token:?} at {at}")
        }
        4 => {
            let from = random_index(rng, len);
            let to = (from + rng.range(1, 256) as usize).min(len);
            bytes.drain(from..to);
            format!("delete {from}..{to}")
        }
        5 => {
            let from = random_index(rng, len);
            let to = (from + rng.range(1, 512) as usize).min(len);
            let chunk: Vec<u8> = bytes.get(from..to).unwrap_or_default().to_vec();
            let at = random_index(rng, len);
            bytes.splice(at..at, chunk);
            format!("copy {from}..{to} to {at}")
        }
        6 => {
            let at = random_index(rng, len);
            bytes.truncate(at);
            format!("truncate at {at}")
        }
        7 => replace_number(rng, bytes),
        8 => {
            if rng.chance(50) {
                replace_string(rng, bytes)
            } else {
                replace_field(rng, bytes)
            }
        }
        9 => {
            let at = random_index(rng, len);
            let from = random_index(rng, other.len());
            bytes.truncate(at);
            bytes.extend_from_slice(other.get(from..).unwrap_or_default());
            format!("splice another file's tail from {from} at {at}")
        }
        10 => {
            // UTF-16 LE with a BOM, as Windows PowerShell writes.
            let text = String::from_utf8_lossy(bytes).to_string();
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            *bytes = utf16;
            "as UTF-16 LE".to_string()
        }
        11 => {
            // Deep nesting.
            let depth = rng.range(50, 5000) as usize;
            let at = random_index(rng, len);
            let open = if rng.chance(50) { b'[' } else { b'{' };
            let nest: Vec<u8> = std::iter::repeat_n(open, depth).collect();
            bytes.splice(at..at, nest);
            format!("{depth} levels of {} at {at}", open as char)
        }
        12 => {
            let at = random_index(rng, len);
            let count = rng.range(1000, 200_000) as usize;
            let long: Vec<u8> = std::iter::repeat_n(b'A', count).collect();
            bytes.splice(at..at, long);
            format!("{count} bytes of A at {at}")
        }
        _ => {
            // Duplicate a line (a row or a record's line) somewhere else.
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let line = lines.get(random_index(rng, lines.len().saturating_sub(1))).map(|l| l.to_vec());
            let at = random_index(rng, len);
            if let Some(mut line) = line {
                line.push(b'\n');
                bytes.splice(at..at, line);
            }
            format!("duplicate a line at {at}")
        }
    }
}

/// Replaces a run of digits (a number, a count, a price) with an extreme number.
fn replace_number(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let starts: Vec<usize> = (0..bytes.len())
        .filter(|&i| {
            bytes.get(i).is_some_and(u8::is_ascii_digit)
                && (i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_digit()))
        })
        .collect();
    let Some(&start) = starts.get(random_index(rng, starts.len().saturating_sub(1))) else {
        return "no number to replace".to_string();
    };
    let mut end = start;
    while bytes.get(end).is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
        end += 1;
    }
    let number = rng.pick(&[
        "1E28",
        "9999999999999999999999999999",
        "79228162514264337593543950335",
        "99999999999999999999999999999999999",
        "0",
        "-1",
        "1e-30",
        "0.00000000000000000000000000001",
        "18446744073709551616",
        "4294967296",
        "1.7976931348623157e308",
        "3.4028236692093846346337460743177e+38",
    ]);
    bytes.splice(start..end, number.bytes());
    format!("number at {start} to {number}")
}

/// Replaces the inside of a quoted string (a name, a tag, a meter) with hostile text.
fn replace_string(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let quotes: Vec<usize> = (0..bytes.len()).filter(|&i| bytes.get(i) == Some(&b'"')).collect();
    let Some(&open) = quotes.get(random_index(rng, quotes.len().saturating_sub(1))) else {
        return "no string to replace".to_string();
    };
    let Some(close) = quotes.iter().copied().find(|&q| q > open) else {
        return "no string to replace".to_string();
    };
    let text = rng.pick(&[
        "É1 LRS Disk",
        "Ü",
        "",
        " ",
        "日本語の名前",
        "a\u{0300}",
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://x\")",
        "../../etc/passwd",
        "\\u0000",
        "[variables('x')]",
        "[[escaped",
        "P",
        "E",
        "S",
        "Premium_LRS",
        "1 Hour",
        "100 /Month",
        "10K",
        "/subscriptions/00000000-0000-0000-0000-000000000000",
    ]);
    bytes.splice(open + 1..close, text.bytes());
    format!("string at {open} to {text:?}")
}

/// Replaces one comma-separated field (a CSV cell: a meter, a price, a name) with
/// hostile text or an extreme number.
fn replace_field(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let commas: Vec<usize> = (0..bytes.len()).filter(|&i| bytes.get(i) == Some(&b',')).collect();
    let Some(&start) = commas.get(random_index(rng, commas.len().saturating_sub(1))) else {
        return "no field to replace".to_string();
    };
    let end =
        (start + 1..bytes.len()).find(|&i| matches!(bytes.get(i), Some(b',' | b'\n' | b'\r'))).unwrap_or(bytes.len());
    let text = rng.pick(&[
        "É1 LRS Disk",
        "Ü10 ZRS Disk",
        "1E28",
        "9999999999999999999999999999",
        "-5",
        "",
        "\"",
        "\"unclosed",
        "日本",
        "100 /Month",
        "1/Hour",
        "Reservation",
        "3 Years",
        "china",
        "chinanorth3",
        "USD",
        "CNY",
        "True",
    ]);
    bytes.splice(start + 1..end, text.bytes());
    format!("field at {start} to {text:?}")
}

/// The summary printed at the end of a run.
pub fn summary(tally: &Tally) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} cases: {} exit 0, {} exit 1, {} panics, {} hangs, {} silent, {} usage errors; slowest case {:.1} s",
        tally.cases,
        tally.exit_0,
        tally.exit_1,
        tally.panics,
        tally.hangs,
        tally.silent,
        tally.usage,
        tally.slowest.as_secs_f64()
    );
    for (role, (cases, failed)) in [Role::Inventory, Role::Prices, Role::Catalog, Role::Spend].iter().zip(tally.by_role)
    {
        if cases > 0 {
            let _ = writeln!(text, "  {:<9} {cases} cases, {failed} failures", role.label());
        }
    }
    text
}
