//! The report of the sample estate as golden files (HTML, JSON, Markdown), the hostile
//! estate rendered as text, redaction, determinism, the CSP and its script hash, CSV
//! escaping, and re-importing a report.
//!
//! Refresh the golden files after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test report` and review the diff.

mod common;

use common::{golden, repo};

use regionshift_core::azure::Location;
use regionshift_core::report::{self, Redaction, Reopened, Report, ReportOptions, Source};
use regionshift_core::{analyze, Analysis, AnalysisOptions, InputFile};

const DATE: &str = "2026-11-25";

fn options(target: &str) -> AnalysisOptions {
    AnalysisOptions { target: Location::new(target), ..AnalysisOptions::default() }
}

fn sample_source() -> Source {
    let sample = std::fs::read(repo().join("data/sample-estate.json")).unwrap();
    Source { files: vec![InputFile::new("sample-estate.json", sample)], options: options("chinanorth3") }
}

fn hostile_source() -> Source {
    let bytes = std::fs::read(repo().join("tests/fixtures/report/hostile.json")).unwrap();
    Source {
        files: vec![InputFile::new("hostile-<script>alert(1)</script>.json", bytes)],
        options: options("chinanorth3"),
    }
}

fn run(source: &Source) -> Analysis {
    analyze(&source.files, &source.options)
}

fn build(source: &Source, redact: Redaction, embed: bool) -> Report {
    let options = ReportOptions {
        date: DATE.to_string(),
        redact,
        source: embed.then(|| source.clone()),
        ..ReportOptions::default()
    };
    report::build(&run(source), &options)
}

#[test]
fn the_sample_report_matches_the_golden_files() {
    // Golden files are made without the packed inputs, which would be a blob of base64.
    let report = build(&sample_source(), Redaction::None, false);
    let html = report::html::render(&report);
    golden("report-sample.html", &html);
    golden("report-sample.json", &report::json(&report));
    golden("report-sample.md", &report::markdown::render(&report));
    println!("sample report: {} bytes of HTML", html.len());
    let with_source = report::html::render(&build(&sample_source(), Redaction::None, true));
    println!("sample report with its inputs embedded: {} bytes of HTML", with_source.len());
}

#[test]
fn the_summary_figures_agree_with_the_analysis() {
    let analysis = run(&sample_source());
    let report = report::build(&analysis, &ReportOptions { date: DATE.to_string(), ..ReportOptions::default() });
    let assessment = analysis.assessment.as_ref().unwrap();
    assert_eq!(report.summary.resources, analysis.inventory.resources.len());
    let split: usize = report.summary.readiness.iter().map(|c| c.count).sum();
    assert_eq!(split, assessment.summary.resources);
    let findings: usize = report.readiness.groups.iter().map(|g| g.findings.len()).sum();
    assert_eq!(findings, assessment.findings.len());
    assert_eq!(report.summary.waves, analysis.plan.waves.len());
    assert_eq!(report.plan.edges.len(), analysis.plan.edges.len());
    let cost = report.summary.cost.as_ref().unwrap();
    assert_eq!(cost.target_currency, regionshift_core::units::Currency::Cny);
    assert_eq!(
        cost.target_monthly,
        regionshift_core::units::round_for_display(analysis.cost.as_ref().unwrap().target.total_monthly)
    );
    // The Markdown, the HTML and the CLI's text show the same total.
    let total = format!("CNY {}", regionshift_core::units::Amount(cost.target_monthly));
    assert!(report::markdown::render(&report).contains(&total));
    assert!(report::html::render(&report).contains(&total));
    assert!(report::text::cost(&report).contains(&format!("in chinanorth3:  {total}")));
    assert!(report::text::plan(&report).contains(&format!("waves, {} with", report.summary.total_hours)));
}

#[test]
fn rendering_is_deterministic() {
    for redact in [Redaction::None, Redaction::Pseudonyms] {
        let first = build(&sample_source(), redact, true);
        let second = build(&sample_source(), redact, true);
        assert_eq!(report::html::render(&first), report::html::render(&second));
        assert_eq!(report::json(&first), report::json(&second));
        assert_eq!(report::csv::findings(&first), report::csv::findings(&second));
        assert_eq!(report::text::plan(&first), report::text::plan(&second));
        assert_eq!(report::text::cost(&first), report::text::cost(&second));
    }
}

/// The CSP meta tag, and the hash it names is the hash of the one inline script.
#[test]
fn the_csp_allows_exactly_the_inline_script() {
    let html = report::html::render(&build(&sample_source(), Redaction::None, false));
    let csp = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; img-src data:\">",
        report::html::script_hash()
    );
    assert!(html.contains(&csp), "the CSP meta tag is missing");
    let scripts = scripts(&html);
    let executable: Vec<&Script> = scripts.iter().filter(|s| s.attributes.is_empty()).collect();
    assert_eq!(executable.len(), 1, "one inline script");
    assert_eq!(executable[0].body, report::html::SCRIPT);
    // The hash, computed here independently of the renderer's constant.
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(executable[0].body.as_bytes());
    let hash = format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest));
    assert!(csp.contains(&hash));
    for needle in ["src=\"http", "href=\"http:", "url(http", "url(//", "@import", "<link", "<iframe", "<img"] {
        assert!(!html.contains(needle), "the report refers to an outside resource ({needle})");
    }
}

struct Script {
    attributes: String,
    body: String,
}

/// Every `<script` element: its attributes and body (up to the next `</script`).
fn scripts(html: &str) -> Vec<Script> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let open_end = lower[start..].find('>').map(|i| i + start).unwrap();
        let close = lower[open_end..].find("</script").map(|i| i + open_end).unwrap_or(html.len());
        found.push(Script {
            attributes: html[start + 7..open_end].trim().to_string(),
            body: html[open_end + 1..close].to_string(),
        });
        from = close + 1;
    }
    found
}

#[test]
fn a_hostile_estate_renders_as_text() {
    let source = hostile_source();
    let analysis = run(&source);
    assert!(analysis.inventory.resources.len() >= 4, "the hostile fixture imports: {:?}", analysis.diagnostics);
    for redact in [Redaction::None, Redaction::Pseudonyms] {
        let report = report::build(
            &analysis,
            &ReportOptions { date: DATE.to_string(), redact, source: Some(source.clone()), ..ReportOptions::default() },
        );
        let html = report::html::render(&report);
        // Exactly two script elements: the JSON block and the allowed script.
        let scripts = scripts(&html);
        assert_eq!(scripts.len(), 2, "{:?}", scripts.iter().map(|s| &s.attributes).collect::<Vec<_>>());
        assert_eq!(scripts[0].attributes, "type=\"application/json\" id=\"regionshift-analysis\"");
        assert_eq!(scripts[1].body, report::html::SCRIPT);
        // The JSON block holds no character that could end it or open a comment.
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!scripts[0].body.contains(bad), "the embedded JSON contains {bad:?}");
        }
        // Outside the scripts, no markup from the input: every `<` opens a tag we write.
        let mut outside = html.clone();
        for script in &scripts {
            outside = outside.replacen(&script.body, "", 1);
        }
        check_markup(&outside);
        assert!(!outside.contains("javascript:alert") || !outside.contains("href=\"javascript"), "a javascript: link");
        assert!(!outside.contains("href=\"javascript"));
        assert!(!outside.contains("</style><"), "a style element broken out of");
        assert_eq!(outside.matches("</style>").count(), 1);
        assert_eq!(outside.matches("<style>").count(), 1);
        assert!(!outside.contains("<!--"), "a comment opened by the input");
        if redact == Redaction::None {
            assert!(outside.contains("&lt;script&gt;alert(1)"), "the hostile name is shown as text");
        }
        // The markdown and CSV are escaped too.
        let markdown = report::markdown::render(&report);
        assert!(!markdown.contains("<script"));
        // The text has no control character but line feeds.
        for text in [report::text::inventory(&report), report::text::assessment(&report), report::text::plan(&report)] {
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        }
        let csv = report::csv::findings(&report);
        assert!(csv.starts_with('\u{feff}'));
        // The embedded report reads back to the same model.
        assert_eq!(read_back(&html), report);
    }
}

/// Every tag in the HTML is one this renderer writes, with well-formed quoted
/// attributes: input text cannot open a tag or break out of an attribute.
fn check_markup(html: &str) {
    const TAGS: [&str; 52] = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "ul",
        "ol", "li", "a", "main", "section", "div", "b", "table", "thead", "tbody", "tr", "th", "td", "span", "svg",
        "rect", "text", "title", "defs", "marker", "path", "line", "g", "details", "summary", "dl", "dt", "dd",
        "footer", "script", "em", "code", "small", "strong", "br", "i", "u", "s",
    ];
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("an unclosed tag");
        let tag = &after[..end];
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
        assert!(TAGS.contains(&name.to_ascii_lowercase().as_str()), "unexpected tag <{tag}>");
        // Attributes: quotes balance; outside the double-quoted values there is no other
        // quote and no `<`; inside them no `<`.
        assert_eq!(tag.matches('"').count() % 2, 0, "broken attribute in <{tag}>");
        for (index, part) in tag.split('"').enumerate() {
            assert!(!part.contains('<'), "broken tag <{tag}>");
            if index % 2 == 0 {
                assert!(!part.contains('\''), "broken tag <{tag}>");
            }
        }
        for event in [" onerror", " onclick", " onload", " onmouseover", " style="] {
            assert!(!tag.to_ascii_lowercase().contains(event), "an attribute {event} in <{tag}>");
        }
        rest = &after[end + 1..];
    }
}

/// Nothing that identifies the estate survives a redacted report.
#[test]
fn redaction_leaves_no_original_name_id_subscription_group_tag_or_address() {
    for source in [hostile_source(), sample_source()] {
        let analysis = run(&source);
        let report = report::build(
            &analysis,
            &ReportOptions {
                date: DATE.to_string(),
                redact: Redaction::Pseudonyms,
                source: Some(source.clone()),
                ..ReportOptions::default()
            },
        );
        assert!(report.redacted && report.source.is_none());
        let outputs = [
            ("html", report::html::render(&report)),
            ("json", report::json(&report)),
            ("csv findings", report::csv::findings(&report)),
            ("csv costs", report::csv::costs(&report)),
            ("csv plan", report::csv::plan(&report)),
            ("markdown", report::markdown::render(&report)),
            ("text inventory", report::text::inventory(&report)),
            ("text assessment", report::text::assessment(&report)),
            ("text cost", report::text::cost(&report)),
            ("text plan", report::text::plan(&report)),
            ("text diagnostics", report::text::diagnostics(&report)),
        ];
        let mut secrets: Vec<String> = Vec::new();
        for resource in &analysis.inventory.resources {
            secrets.push(resource.id.as_str().to_string());
            secrets.extend(resource.name.split('/').map(str::to_string));
            secrets.extend(resource.subscription.clone());
            secrets.extend(resource.subscription_name.clone());
            secrets.extend(resource.resource_group.clone());
            for (key, value) in &resource.tags {
                secrets.push(key.clone());
                secrets.push(value.clone());
            }
            if let Some(properties) = &resource.properties {
                secrets.extend(ips_in(properties.get()));
            }
        }
        for file in &source.files {
            secrets.push(file.name.clone());
        }
        secrets.sort();
        secrets.dedup();
        // Very short strings also occur in the report's own words; the fixtures' names
        // are distinctive. Tag values that are plain words ("analytics")
        // are replaced where they are values, not inside the report's own sentences.
        secrets.retain(|s| s.len() >= 6 && !s.chars().all(|c| c.is_ascii_alphabetic() || c == ' '));
        assert!(secrets.len() > 10);
        for (what, text) in &outputs {
            // JSON escapes some characters; compare against both spellings.
            let unescaped =
                text.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&").replace("\\\"", "\"");
            let lower = unescaped.to_ascii_lowercase();
            let html_unescaped = lower
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            for secret in &secrets {
                let needle = secret.to_ascii_lowercase();
                assert!(
                    !lower.contains(&needle) && !html_unescaped.contains(&needle),
                    "{what} still contains {secret:?}"
                );
            }
        }
        // The pseudonyms are consistent: a resource's id names its pseudonymous group.
        for resource in &report.resources {
            if !resource.resource_group.is_empty() {
                assert!(resource.id.contains(&format!("/resourceGroups/{}/", resource.resource_group)), "{resource:?}");
            }
        }
    }
}

fn ips_in(text: &str) -> Vec<String> {
    // The fixtures' addresses, found the simple way: quoted values with dots or colons
    // that parse as addresses (with an optional prefix length).
    let mut found = Vec::new();
    for part in text.split('"') {
        let address = part.split('/').next().unwrap_or("");
        if address.parse::<std::net::IpAddr>().is_ok() && (address.contains('.') || address.contains(':')) {
            found.push(part.to_string());
        }
    }
    found
}

/// A report read back as the app does: a report with its inputs is analysed again.
fn read_back(text: &str) -> Report {
    match report::reopen(text).expect("the report reads back") {
        Reopened::Source { source, date, decisions, diagnostics } => {
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            let analysis = analyze(&source.files, &source.options);
            report::build(
                &analysis,
                &ReportOptions {
                    date,
                    redact: Redaction::None,
                    source: Some(*source),
                    decisions,
                    ..ReportOptions::default()
                },
            )
        }
        Reopened::Model(report) => *report,
    }
}

#[test]
fn a_report_re_imports_to_the_same_analysis() {
    let source = sample_source();
    let analysis = run(&source);
    let report = report::build(
        &analysis,
        &ReportOptions {
            date: DATE.to_string(),
            redact: Redaction::None,
            source: Some(source.clone()),
            ..ReportOptions::default()
        },
    );
    let html = report::html::render(&report);
    let Ok(Reopened::Source { source: unpacked, date, .. }) = report::reopen(&html) else {
        panic!("an unredacted report carries its inputs")
    };
    assert_eq!(*unpacked, source);
    assert_eq!(date, DATE);
    assert_eq!(read_back(&html), report);
    let again = analyze(&unpacked.files, &unpacked.options);
    assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&analysis).unwrap());
    // The JSON export reads back too.
    assert_eq!(read_back(&report::json(&report)), report);
    // A redacted report is a read-only view: the model, no inputs.
    let redacted = build(&source, Redaction::Pseudonyms, true);
    let Ok(Reopened::Model(back)) = report::reopen(&report::html::render(&redacted)) else {
        panic!("a redacted report reopens as its model")
    };
    assert!(back.source.is_none() && back.redacted);
    assert_eq!(*back, redacted);
}

#[test]
fn decisions_are_shown_counted_exported_and_survive_the_round_trip() {
    use regionshift_core::decisions::{Decision, Decisions, Status};
    let source = sample_source();
    let analysis = run(&source);
    let assessment = analysis.assessment.as_ref().expect("the sample is assessed");
    let blocker =
        assessment.findings.iter().find(|f| f.severity.label() == "blocker").expect("the sample has a blocker");
    let other = assessment.findings.iter().find(|f| f.rule != blocker.rule).expect("another rule");
    let mut decisions = Decisions::new();
    decisions.set_rule(
        blocker.rule,
        Decision { status: Status::Waived, owner: "Li Wei".into(), note: "moved by hand in wave 1".into() },
    );
    decisions.set_finding(
        other.rule,
        other.resource.as_str(),
        Decision { status: Status::NeedsWork, owner: "Ops".into(), note: String::new() },
    );
    let options = ReportOptions {
        date: DATE.to_string(),
        redact: Redaction::None,
        source: Some(source.clone()),
        decisions: decisions.clone(),
        ..ReportOptions::default()
    };
    let report = report::build(&analysis, &options);
    let tally = report.summary.decisions.expect("counted with a target");
    let same_rule = assessment.findings.iter().filter(|f| f.rule == blocker.rule).count();
    assert_eq!((tally.waived, tally.needs_work), (same_rule, 1));
    assert_eq!(tally.blockers + tally.waived_blockers, report.summary.blockers);
    let html = report::html::render(&report);
    assert!(html.contains("moved by hand in wave 1") && html.contains("data-testid=\"report-decisions\""));
    assert!(html.contains(&format!("{} waived", same_rule)), "the summary counts the waived findings");
    assert!(report::markdown::render(&report).contains(&format!("| Decisions | {tally} |")));
    let csv = report::csv::findings(&report);
    assert!(csv.lines().next().unwrap().ends_with(",decision,decided_for,owner,note"));
    assert_eq!(csv.lines().filter(|l| l.contains(",waived,rule,Li Wei,moved by hand in wave 1")).count(), same_rule);
    assert_eq!(csv.lines().filter(|l| l.contains(",needs-work,finding,Ops,")).count(), 1);
    // Reopening the HTML report or its JSON export restores the decisions.
    for text in [html.clone(), report::json(&report)] {
        let Ok(Reopened::Source { decisions: back, diagnostics, .. }) = report::reopen(&text) else {
            panic!("an unredacted report carries its inputs")
        };
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(back, decisions);
        assert_eq!(read_back(&text), report);
    }
    // A redacted report shows the decisions but does not keep their resource ids.
    let redacted = report::build(&analysis, &ReportOptions { redact: Redaction::Pseudonyms, ..options });
    assert!(redacted.decisions.is_none());
    assert_eq!(redacted.summary.decisions, Some(tally));
    let json = report::json(&redacted);
    assert!(json.contains("moved by hand in wave 1") && !json.contains(other.resource.as_str()));
}

#[test]
fn options_other_than_the_defaults_survive_the_round_trip() {
    use regionshift_core::cost::{ExchangeRate, HybridBenefit, Pricing};
    use regionshift_core::plan::GroupBy;
    use regionshift_core::units::Currency;
    use rust_decimal::Decimal;
    let mut source = sample_source();
    let options = &mut source.options;
    options.import.max_depth = 64;
    options.cost.pricing = Pricing::Reserved3Years;
    options.cost.hybrid_benefit = HybridBenefit::All;
    options.cost.discount_percent = Some("12.5".parse().unwrap());
    options.cost.exchange_rate =
        Some(ExchangeRate { from: Currency::Cny, to: Currency::Usd, rate: Decimal::new(14, 2) });
    options.cost.assumptions.storage_gb = Decimal::from(7);
    options.cost.assumptions.cosmos_ru_per_second = Decimal::from(1200);
    options.cost.assumptions.snapshot_gb = Some(Decimal::from(33));
    options.cost.hours_per_month = "720".parse().unwrap();
    options.target = regionshift_core::azure::Location::new("China East 2");
    options.cost.per_resource.insert("/subscriptions/x/resourcegroups/y".to_string(), options.cost.assumptions.clone());
    options.plan.group_by = GroupBy::Tag("app".to_string());
    options.plan.max_wave_size = 7;
    options.plan.workers = "3".parse().unwrap();
    options.plan.assumed.disk_gb = Decimal::from(9);
    options.plan.bandwidth_mbps = "250.5".parse().unwrap();
    options.price_files.push(InputFile::new("prices.csv", b"a,b\r\n1,2\r\n".to_vec()));
    options.catalog_files.push(InputFile::new("skus.json", b"[]".to_vec()));
    let packed = regionshift_core::report::PackedSource::pack(&source);
    let unpacked = packed.unpack().unwrap();
    assert_eq!(serde_json::to_value(&unpacked.options).unwrap(), serde_json::to_value(&source.options).unwrap());
    assert_eq!(unpacked, source);
}

#[test]
fn what_is_not_a_report_is_an_error() {
    use regionshift_core::report::ReportError;
    assert_eq!(report::reopen("<html><body>hello</body></html>"), Err(ReportError::NoEmbeddedData));
    let other =
        "<script type=\"application/json\" id=\"regionshift-analysis\">{\"schema\":\"regionshift.report/9\"}</script>";
    assert_eq!(
        report::reopen(other),
        Err(ReportError::UnsupportedSchema { found: "regionshift.report/9".to_string() })
    );
    let broken = "<script type=\"application/json\" id=\"regionshift-analysis\">{\"schema\":</script>";
    assert!(matches!(report::reopen(broken), Err(ReportError::NotJson { .. })));
}

#[test]
fn csv_exports_are_excel_friendly() {
    let report = build(&sample_source(), Redaction::None, false);
    for text in [report::csv::findings(&report), report::csv::costs(&report), report::csv::plan(&report)] {
        assert!(text.starts_with('\u{feff}'));
        assert!(text.ends_with("\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n') || text.contains('"'),
            "bare line feeds only inside quoted cells"
        );
        let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), width);
        }
    }
    assert_eq!(report::csv::cell("=1+2"), "'=1+2");
    assert_eq!(report::csv::cell("-cmd"), "'-cmd");
    assert_eq!(report::csv::cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(report::csv::cell("+1"), "'+1");
    assert_eq!(report::csv::cell("\tx"), "'\tx");
    assert_eq!(report::csv::cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    assert_eq!(report::csv::cell("\rx"), "\"'\rx\"");
}

/// A report read back is held to the same option rules as the command line and the app:
/// an edited report with options out of bounds is refused, naming the option.
#[test]
fn options_read_back_from_a_report_are_validated() {
    use regionshift_core::report::{PackedSource, ReportError};
    let packed = PackedSource::pack(&sample_source());
    for (path, value, expected) in [
        (&["plan", "workers"][..], serde_json::json!(0), "workers must be at least 1"),
        (&["plan", "bandwidth_mbps"][..], serde_json::json!("-5"), "bandwidth"),
        (&["cost", "discount_percent"][..], serde_json::json!("150"), "percentage from 0 to 100"),
        (&["cost", "hours_per_month"][..], serde_json::json!("800"), "at most 744"),
        (&["cost", "assumptions", "storage_gb"][..], serde_json::json!("-1"), "storage_gb cannot be negative"),
        (&["target"][..], serde_json::json!("marscentral"), "not a region the catalog knows"),
    ] {
        let mut edited = packed.clone();
        let mut slot = &mut edited.options;
        for key in path {
            slot = slot.get_mut(*key).unwrap_or_else(|| panic!("options have {path:?}"));
        }
        *slot = value;
        match edited.unpack() {
            Err(ReportError::BadSource { message }) => assert!(message.contains(expected), "{path:?}: {message}"),
            other => panic!("{path:?} = out of bounds was accepted: {other:?}"),
        }
    }
}
