//! Tests of the spend reader: every export kind against the fixtures' expected totals
//! (exact, `tests/fixtures/spend/EXPECTED.md`), encodings, quoting, chunking, matching
//! against an inventory, bad files, and the exact arithmetic.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::azure::ResourceId;

fn fixture(name: &str) -> InputFile {
    let path = format!("{}/tests/fixtures/spend/{name}", concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    InputFile::new(name, std::fs::read(path).unwrap())
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

const SUB_A: &str = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-shop/providers";
const SUB_B: &str = "/subscriptions/00000000-0000-0000-0000-0000000000b2/resourceGroups/rg-data/providers";

/// The fixtures' five resources, as an inventory would spell them (and one without spend).
fn ids() -> Vec<ResourceId> {
    [
        format!("{SUB_A}/Microsoft.Compute/virtualMachines/vm-web-01"),
        format!("{SUB_A}/Microsoft.Compute/disks/vm-web-01_OsDisk_1"),
        format!("{SUB_A}/Microsoft.Compute/virtualMachines/vm-api-01"),
        format!("{SUB_B}/Microsoft.Storage/storageAccounts/stdata001"),
        format!("{SUB_B}/Microsoft.Sql/servers/sql-data-01/databases/db-orders"),
        format!("{SUB_B}/Microsoft.Network/virtualNetworks/vnet-idle"),
    ]
    .iter()
    .map(|id| ResourceId::parse(id).unwrap())
    .collect()
}

fn summary(files: &[InputFile]) -> (SpendSummary, Vec<Diagnostic>) {
    let (spend, diagnostics) = load(files);
    (spend.summarize(&ids()), diagnostics)
}

fn by_month(summary: &SpendSummary) -> Vec<(String, String)> {
    summary.by_month.iter().map(|m| (m.month.clone(), m.total.to_string())).collect()
}

/// One fixture's totals: every row, per month, on ARM resources, and elsewhere.
fn check(name: &str, kind: ExportKind, months: [&str; 2], total: &str, on_resources: &str, elsewhere: &str) {
    let (summary, diagnostics) = summary(&[fixture(name)]);
    assert!(diagnostics.iter().all(|d| d.severity != crate::diagnostics::Severity::Error), "{name}: {diagnostics:?}");
    let file = &summary.files[0];
    assert_eq!(file.kind, Some(kind), "{name}");
    assert!(file.error.is_none(), "{name}: {:?}", file.error);
    assert_eq!(file.rows_rejected, 0, "{name}");
    assert_eq!(summary.total.to_string(), total, "{name}");
    assert_eq!(
        by_month(&summary),
        vec![("2025-01".to_string(), months[0].to_string()), ("2025-02".to_string(), months[1].to_string())],
        "{name}"
    );
    assert_eq!(summary.months, 2, "{name}");
    assert_eq!(summary.matched_resources, 5, "{name}");
    let matched = summary.lines.iter().try_fold(Exact::ZERO, |s, l| s.checked_add(l.total)).unwrap();
    let unmatched = summary.unmatched_rows.iter().try_fold(Exact::ZERO, |s, u| s.checked_add(u.total)).unwrap();
    assert_eq!(matched.to_string(), on_resources, "{name}");
    assert_eq!(unmatched.to_string(), elsewhere, "{name}");
    assert_eq!(matched.checked_add(unmatched), Some(summary.total), "{name}: the parts add up to the whole");
    assert_eq!(summary.resources_without_spend.len(), 1, "{name}");
    assert_eq!(summary.resources_without_spend[0].name(), "vnet-idle");
    // The monthly average is the total over the months, as a Decimal.
    assert_eq!(summary.total_monthly, line_amount(summary.total.to_decimal().unwrap() / Decimal::TWO), "{name}");
}

const ACTUAL: [&str; 2] = ["767.11100647072364183110962", "407.2471075650285711000000000001"];
const ACTUAL_TOTAL: &str = "1174.3581140357522129311096200001";
const AMORTIZED: [&str; 2] = ["69.19100647072364183110962", "409.1671075650285711000000000001"];
const AMORTIZED_TOTAL: &str = "478.3581140357522129311096200001";

#[test]
fn ea_cost_details_actual_and_amortized_sum_exactly() {
    check(
        "ea_actual_2024-08-01.csv",
        ExportKind::EaCostDetails,
        ACTUAL,
        ACTUAL_TOTAL,
        "276.5181140357522129311096200001",
        "897.84",
    );
    check(
        "ea_amortized_2024-08-01.csv",
        ExportKind::EaCostDetails,
        AMORTIZED,
        AMORTIZED_TOTAL,
        "279.3981140357522129311096200001",
        "198.96",
    );
    let (actual, _) = summary(&[fixture("ea_actual_2024-08-01.csv")]);
    assert_eq!(actual.basis, Some(CostBasis::Actual), "a reservation purchase row marks actual cost");
    let (amortized, _) = summary(&[fixture("ea_amortized_2024-08-01.csv")]);
    assert_eq!(amortized.basis, Some(CostBasis::Amortized), "an unused-reservation row marks amortized cost");
    // The reservation purchase is not a resource; rows without an id are their own bucket.
    let why: Vec<(UnmatchedWhy, &str)> =
        actual.unmatched_rows.iter().map(|u| (u.why, u.resource_id.as_str())).collect();
    assert_eq!(why.len(), 2);
    assert!(why.contains(&(UnmatchedWhy::NoResourceId, "")));
    assert!(why.iter().any(|(w, id)| *w == UnmatchedWhy::NotAResource && id.contains("reservationOrders")));
}

#[test]
fn mca_cost_details_in_utf8_and_utf16_sum_the_same() {
    check(
        "mca_actual_2023-12-01-preview.csv",
        ExportKind::McaCostDetails,
        ACTUAL,
        ACTUAL_TOTAL,
        "276.5181140357522129311096200001",
        "897.84",
    );
    check(
        "mca_actual_2023-12-01-preview.utf16le.csv",
        ExportKind::McaCostDetails,
        ACTUAL,
        ACTUAL_TOTAL,
        "276.5181140357522129311096200001",
        "897.84",
    );
    check(
        "mca_amortized_2023-12-01-preview.csv",
        ExportKind::McaCostDetails,
        AMORTIZED,
        AMORTIZED_TOTAL,
        "279.3981140357522129311096200001",
        "198.96",
    );
    let (utf16, _) = summary(&[fixture("mca_actual_2023-12-01-preview.utf16le.csv")]);
    assert_eq!(utf16.files[0].encoding, Some(Encoding::Utf16Le));
}

#[test]
fn focus_exports_use_the_billed_cost() {
    check("focus_1.0.csv", ExportKind::Focus10, ACTUAL, ACTUAL_TOTAL, "276.5181140357522129311096200001", "897.84");
    check(
        "focus_1.2-preview.csv",
        ExportKind::Focus12,
        ACTUAL,
        ACTUAL_TOTAL,
        "276.5181140357522129311096200001",
        "897.84",
    );
    let (focus, _) = summary(&[fixture("focus_1.0.csv")]);
    assert_eq!(focus.files[0].amount_column.as_deref(), Some("BilledCost"));
    assert_eq!(focus.currency, "EUR");
}

#[test]
fn usage_details_and_enterprise_portal_files_are_read() {
    let legacy = ["62.91100647072364183110962", "259.3346075650285711000000000001"];
    check(
        "legacy_ea_usage_details_2019-10-01.csv",
        ExportKind::UsageDetailsEa2019,
        legacy,
        "322.2456140357522129311096200001",
        "276.5181140357522129311096200001",
        "45.7275",
    );
    check(
        "legacy_ea_portal_v2.csv",
        ExportKind::EaPortalUsage,
        legacy,
        "322.2456140357522129311096200001",
        "276.5181140357522129311096200001",
        "45.7275",
    );
    check(
        "china_ea_portal_v2.csv",
        ExportKind::ChinaEaPortalUsage,
        ["440.37704529506549281776734", "1815.3422529551999977000000000007"],
        "2255.7192982502654905177673400007",
        "1935.6267982502654905177673400007",
        "320.0925",
    );
    let (portal, _) = summary(&[fixture("legacy_ea_portal_v2.csv")]);
    assert_eq!(portal.files[0].preamble_lines, 3);
    assert_eq!(portal.currency, "XXX", "no currency column: shown as no currency, never guessed");
    let (china, _) = summary(&[fixture("china_ea_portal_v2.csv")]);
    assert_eq!(china.currency, "CNY", "the ea.azure.cn portal bills in CNY");
}

#[test]
fn thousands_separators_of_an_excel_resave_are_read() {
    let (summary, diagnostics) = summary(&[fixture("ea_actual_excel_resaved.csv")]);
    assert!(diagnostics.iter().all(|d| d.code != "spend.amount-not-numeric"), "{diagnostics:?}");
    assert_eq!(summary.total.to_string(), "2174.358114035752174");
}

#[test]
fn several_files_add_up_and_actual_and_amortized_are_never_added() {
    let (both, diagnostics) = summary(&[fixture("ea_actual_2024-08-01.csv"), fixture("ea_amortized_2024-08-01.csv")]);
    assert_eq!(both.total.to_string(), ACTUAL_TOTAL, "the amortized file was left out");
    let left_out = diagnostics.iter().find(|d| d.code == "spend.actual-and-amortized").unwrap();
    assert_eq!(left_out.file.as_deref(), Some("ea_amortized_2024-08-01.csv"));
    assert!(both.files[1].error.is_some());

    // Two months in two files of one kind: summed, with the overlap said.
    let (twice, diagnostics) = summary(&[fixture("focus_1.0.csv"), fixture("focus_1.2-preview.csv")]);
    assert_eq!(twice.total.to_string(), "2348.7162280715044258622192400002");
    assert!(diagnostics.iter().any(|d| d.code == "spend.overlap"));
}

#[test]
fn bad_files_get_diagnostics_and_the_others_still_load() {
    let mixed = "Date,ResourceId,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\n\
                 01/05/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/d,1.5,EUR,x\n\
                 01/06/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/d,2.5,USD,x\n";
    let not_numeric = "Date,ResourceId,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\n\
                       01/05/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/d,n/a,EUR,x\n\
                       01/06/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/d,2.25,EUR,x\n\
                       31/01/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/d,1,EUR,x\n";
    let wrong = "Name,Type,Location,Subscription\nvm1,VM,eastus,s\n";
    let other_currency = "Date,ResourceId,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\n\
                          02/01/2025,/subscriptions/s/resourceGroups/r/providers/A.B/c/e,7,CNY,x\n";
    let (spend, diagnostics) = load(&[
        InputFile::new("mixed.csv", mixed),
        InputFile::new("not-numeric.csv", not_numeric),
        InputFile::new("inventory.csv", wrong),
        InputFile::new("other-currency.csv", other_currency),
        InputFile::new("export.zip", &b"PK\x03\x04rest"[..]),
        fixture("focus_1.0.csv"),
    ]);
    let codes: Vec<(&str, Option<&str>)> = diagnostics.iter().map(|d| (d.code, d.file.as_deref())).collect();
    for expected in [
        ("spend.mixed-currencies", Some("mixed.csv")),
        ("spend.amount-not-numeric", Some("not-numeric.csv")),
        ("spend.date-unreadable", Some("not-numeric.csv")),
        ("spend.unusable", Some("inventory.csv")),
        ("spend.currency-differs", Some("other-currency.csv")),
        ("spend.unusable", Some("export.zip")),
    ] {
        assert!(codes.contains(&expected), "{expected:?} in {codes:?}");
    }
    let message = |code: &str, file: &str| {
        let d = diagnostics.iter().find(|d| d.code == code && d.file.as_deref() == Some(file)).unwrap();
        format!("{} {}", d.message, d.hint.as_deref().unwrap_or(""))
    };
    assert!(message("spend.mixed-currencies", "mixed.csv").contains("EUR, USD"));
    assert!(message("spend.amount-not-numeric", "not-numeric.csv").contains("\"n/a\""));
    assert!(message("spend.amount-not-numeric", "not-numeric.csv").contains("decimal numbers"));
    let unusable = message("spend.unusable", "inventory.csv");
    assert!(unusable.contains("accepted: EA or MCA cost details"), "{unusable}");
    assert!(message("spend.unusable", "export.zip").contains("ZIP"));
    assert!(message("spend.currency-differs", "other-currency.csv").contains("CNY"));
    // What loaded: the good row of not-numeric.csv and the FOCUS file, in EUR.
    assert_eq!(spend.currency, "EUR");
    let summary = spend.summarize(&ids());
    assert_eq!(summary.total.to_string(), "1176.6081140357522129311096200001");
    let not_numeric = summary.files.iter().find(|f| f.name == "not-numeric.csv").unwrap();
    assert_eq!((not_numeric.rows, not_numeric.rows_used, not_numeric.rows_rejected), (3, 1, 2));
}

#[test]
fn quoted_fields_hold_delimiters_quotes_and_line_breaks_and_ids_match_ignoring_case() {
    let text = "\u{feff}sep=,\r\nDate,ResourceId,Tags,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\r\n\
                01/05/2025,/SUBSCRIPTIONS/00000000-0000-0000-0000-0000000000A1/resourcegroups/RG-SHOP/providers/microsoft.compute/virtualmachines/VM-WEB-01/,\"\"\"env\"\": \"\"a,b\"\"\r\nsecond line\",1.10,EUR,x\r\n\
                \"01/06/2025\",\"/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/vm-web-01\",,\"2.20\",\"EUR\",x";
    let (summary, diagnostics) = summary(&[InputFile::new("quoted.csv", text)]);
    assert!(diagnostics.iter().all(|d| d.severity != crate::diagnostics::Severity::Error), "{diagnostics:?}");
    assert_eq!(summary.matched_resources, 1);
    assert_eq!(summary.lines[0].rows, 2);
    assert_eq!(summary.lines[0].total.to_string(), "3.3");
    assert_eq!(summary.files[0].preamble_lines, 1);
}

#[test]
fn chunks_of_any_size_give_the_same_sums() {
    let file = fixture("focus_1.0.csv");
    let (whole, _) = load(std::slice::from_ref(&file));
    for size in [1usize, 2, 3, 7, 64, 1000] {
        let mut loader = SpendLoader::new();
        loader.begin(&file.name);
        for chunk in file.bytes.chunks(size) {
            loader.feed(chunk);
        }
        let (spend, _) = loader.finish();
        assert_eq!(spend, whole, "chunks of {size} bytes");
        assert_eq!(spend.summarize(&ids()), whole.summarize(&ids()), "chunks of {size} bytes");
    }
}

#[test]
fn exact_amounts_read_every_form_and_round_only_beyond_28_places() {
    let read = |text: &str| Exact::parse(text).map(|(value, rounded)| (value.to_string(), rounded));
    assert_eq!(read("12.5"), Ok(("12.5".into(), false)));
    assert_eq!(read("-0.25"), Ok(("-0.25".into(), false)));
    assert_eq!(read("0.0000000191107392311096200000"), Ok(("0.00000001911073923110962".into(), false)));
    assert_eq!(read("35.2E-7"), Ok(("0.00000352".into(), false)));
    assert_eq!(read("1.91107E-08"), Ok(("0.0000000191107".into(), false)));
    assert_eq!(read("1.5e3"), Ok(("1500".into(), false)));
    assert_eq!(read("1,234.56"), Ok(("1234.56".into(), false)));
    assert_eq!(read("+7"), Ok(("7".into(), false)));
    assert_eq!(read(".5"), Ok(("0.5".into(), false)));
    // Beyond 28 places: half to even.
    assert_eq!(read("0.00000000000000000000000000005"), Ok(("0".into(), true)));
    assert_eq!(read("0.00000000000000000000000000015"), Ok(("0.0000000000000000000000000002".into(), true)));
    assert_eq!(read("0.000000000000000000000000000151"), Ok(("0.0000000000000000000000000002".into(), true)));
    for bad in ["", "n/a", "1.2.3", "12,34", "1e", "--1", "1e99", "1".repeat(40).as_str()] {
        assert!(Exact::parse(bad).is_err(), "{bad:?}");
    }
    // Sums keep every digit a Decimal would round away.
    let a = Exact::parse("1174.358114035752212931109620").unwrap().0;
    let b = Exact::parse("0.0000000000000000000000000001").unwrap().0;
    let sum = a.checked_add(b).unwrap();
    assert_eq!(sum.to_string(), "1174.3581140357522129311096200001");
    assert_eq!(sum.to_decimal(), Some(d("1174.3581140357522129311096200")));
    assert_eq!(
        Exact::parse("-3").unwrap().0.checked_add(Exact::parse("1.25").unwrap().0).unwrap().to_string(),
        "-1.75"
    );
    let huge = Exact::parse(&format!("9{}", "0".repeat(35))).unwrap().0;
    assert!(huge.to_decimal().is_none(), "beyond a Decimal's range");
    assert!(huge.checked_add(huge).and_then(|h| h.checked_add(huge)).is_some());
}

#[test]
fn dates_are_read_in_the_forms_exports_write() {
    let read = |text: &str| reader::parse_date(text.as_bytes()).map(|d| d.to_string());
    assert_eq!(read("09/21/2023"), Some("2023-09-21".into()));
    assert_eq!(read("9/1/2023"), Some("2023-09-01".into()));
    assert_eq!(read("3/1/21"), Some("2021-03-01".into()));
    assert_eq!(read("2025-01-05"), Some("2025-01-05".into()));
    assert_eq!(read("2025-01-05T00:00Z"), Some("2025-01-05".into()));
    assert_eq!(read("2025-01-05T00:00:00Z"), Some("2025-01-05".into()));
    assert_eq!(read("2024-09-01 00:00:00"), Some("2024-09-01".into()));
    assert_eq!(read("20250105"), Some("2025-01-05".into()));
    assert_eq!(read("21/09/2023"), None, "a day first is not read as a month");
    assert_eq!(read("yesterday"), None);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The total is the exact sum of the rows, whatever the amounts, ids and chunking.
        #[test]
        fn the_total_is_the_sum_of_the_rows(
            rows in proptest::collection::vec((0usize..4, -10_000_000_000i64..10_000_000_000, 0u32..12, 1u32..29), 0..200),
            scale in 0u32..=12,
            chunk in 1usize..300,
        ) {
            let mut text = String::from("Date,ResourceId,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\n");
            let mut expected: i128 = 0;
            for (id, units, month, day) in &rows {
                let amount = Decimal::new(*units, scale);
                expected += i128::from(*units);
                let id = if *id == 3 { String::new() } else { format!("/subscriptions/s/resourceGroups/r/providers/A.B/c/r{id}") };
                text.push_str(&format!("{:02}/{:02}/2025,{id},{amount},CNY,x\n", month + 1, day));
            }
            let mut loader = SpendLoader::new();
            loader.begin("rows.csv");
            for piece in text.as_bytes().chunks(chunk) {
                loader.feed(piece);
            }
            let (spend, diagnostics) = loader.finish();
            prop_assert!(diagnostics.iter().all(|d| d.severity != crate::diagnostics::Severity::Error), "{:?}", diagnostics);
            let summary = spend.summarize(std::iter::empty());
            let expected = Decimal::from_i128_with_scale(expected, scale);
            prop_assert_eq!(summary.total.to_decimal(), Some(expected.normalize()));
            let parts = summary.unmatched_rows.iter().try_fold(Exact::ZERO, |s, u| s.checked_add(u.total)).unwrap();
            prop_assert_eq!(parts, summary.total);
            let months: Exact = summary.by_month.iter().try_fold(Exact::ZERO, |s, m| s.checked_add(m.total)).unwrap();
            prop_assert_eq!(months, summary.total);
        }

        /// Quoted fields with delimiters, doubled quotes and line breaks, before and after
        /// the needed ones and across 64-byte blocks and chunks, never shift a field.
        #[test]
        fn quoted_text_never_shifts_a_field(
            rows in proptest::collection::vec(("[a-z,\"\n ]{0,90}", 0usize..3, 0i64..1_000_000, "[a-z,\"\r\n]{0,140}"), 1..60),
            chunk in 1usize..200,
            semicolon in any::<bool>(),
        ) {
            let sep = if semicolon { ';' } else { ',' };
            let quote = |text: &str| format!("\"{}\"", text.replace(',', &sep.to_string()).replace('"', "\"\""));
            let mut text = ["Tags", "Date", "ResourceId", "AdditionalInfo", "CostInBillingCurrency", "Notes", "BillingCurrencyCode"].join(&sep.to_string());
            text.push_str("\r\n");
            let mut expected = [0i128; 3];
            for (tags, id, units, notes) in &rows {
                expected[*id] += i128::from(*units);
                let fields = [
                    quote(tags),
                    "01/15/2025".to_string(),
                    format!("/subscriptions/s/resourceGroups/r/providers/A.B/c/r{id}"),
                    quote(notes),
                    Decimal::new(*units, 4).to_string(),
                    quote(tags),
                    "CNY".to_string(),
                ];
                text.push_str(&fields.join(&sep.to_string()));
                text.push_str("\r\n");
            }
            let mut loader = SpendLoader::new();
            loader.begin("quoted.csv");
            for piece in text.as_bytes().chunks(chunk) {
                loader.feed(piece);
            }
            let (spend, diagnostics) = loader.finish();
            prop_assert!(diagnostics.iter().all(|d| d.severity == crate::diagnostics::Severity::Info), "{:?}", diagnostics);
            let summary = spend.summarize(std::iter::empty());
            prop_assert_eq!(summary.files[0].rows_used, rows.len() as u64);
            for (id, units) in expected.iter().enumerate() {
                let found = summary.unmatched_rows.iter().find(|u| u.resource_id.ends_with(&format!("/r{id}")));
                let total = found.map(|u| u.total.to_decimal().unwrap_or_default()).unwrap_or_default();
                prop_assert_eq!(total, Decimal::from_i128_with_scale(*units, 4).normalize());
            }
        }

        /// The SSE2 scan and the 64-bit-word scan (WebAssembly's) find the same bytes.
        #[test]
        fn both_scans_agree(bytes in proptest::collection::vec(prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b';'), Just(b'\t'), any::<u8>()], reader::BLOCK), delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')]) {
            let block: [u8; reader::BLOCK] = bytes.try_into().unwrap();
            let [fast, words] = reader::masks_both_ways(delimiter, &block);
            prop_assert_eq!(fast, words);
            let expected = |byte: u8| block.iter().enumerate().filter(|(_, b)| **b == byte).fold(0u64, |m, (i, _)| m | 1 << i);
            prop_assert_eq!(fast, (expected(delimiter), expected(b'"'), expected(b'\n')));
        }
    }
}

/// Opt-in: the third-party samples of the research (`REGIONSHIFT_SPEND_REAL=<dir>`), for
/// testing only and never committed: each is detected and its sum equals the research's.
#[test]
fn real_third_party_samples_when_given() {
    let Ok(dir) = std::env::var("REGIONSHIFT_SPEND_REAL") else { return };
    let expected = [
        ("finops-toolkit__EA_ActualCost_Small.csv", Some(ExportKind::EaPortalDownload), "8.5450077867419368"),
        (
            "finops-toolkit__EA_AmortizedCost_Small.csv",
            Some(ExportKind::EaPortalDownload),
            "16.296932136636644627485419",
        ),
        ("finops-toolkit__EA_NoRows.csv", Some(ExportKind::EaPortalDownload), "0"),
        ("opencost__headersets__Enterprise.csv", Some(ExportKind::EaCostDetails), "0"),
        ("opencost__headersets__EnterpriseCamel.csv", Some(ExportKind::McaPartner), "0.012"),
        ("opencost__headersets__German.csv", Some(ExportKind::UsageDetailsPayg2019), "0.075"),
        ("opencost__headersets__PayAsYouGo.csv", Some(ExportKind::UsageDetailsPayg2019), "0.075"),
        ("opencost__headersets__BOM.csv", Some(ExportKind::UsageDetailsPayg2019), "0"),
        ("opencost__values__Template.csv", Some(ExportKind::Generic), "16.393506212224391"),
        ("focus-sample-data__focus_sample.csv", Some(ExportKind::Focus10), "1.97651418586"),
    ];
    for (name, kind, total) in expected {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let (spend, diagnostics) = load(&[InputFile::new(name, bytes)]);
        let summary = spend.summarize(std::iter::empty());
        eprintln!(
            "{name}: {:?} {} rows, {} used, {} rejected, {} other provider; total {} {}; {diagnostics:?}",
            summary.files[0].kind,
            summary.files[0].rows,
            summary.files[0].rows_used,
            summary.files[0].rows_rejected,
            summary.files[0].rows_other_provider,
            summary.total,
            summary.currency
        );
        assert_eq!(summary.files[0].kind, kind, "{name}");
        assert_eq!(summary.total.to_string(), total, "{name}");
    }
}
