//! A synthetic Cost Management export (Enterprise Agreement cost details, schema
//! 2024-08-01, the documented 57 columns) for resources of an inventory: deterministic,
//! written in chunks so an export of millions of rows never sits in memory whole. Used
//! by the spend benchmark and to write the sample estate's spend fixture.
//!
//! Every resource gets `rows_per_month` rows in each month; a few rows go to resources
//! the inventory does not hold (a deleted VM), to a reservation purchase and to a
//! Marketplace charge without a resource id, as real exports have. Amounts have ten
//! decimal places; [`Written::total_units`] is their exact sum.

use std::fmt::Write as _;

/// The EA cost details header, schema 2024-08-01.
pub const HEADER: &str = "InvoiceSectionName,AccountName,AccountOwnerId,SubscriptionId,SubscriptionName,ResourceGroup,ResourceLocation,Date,ProductName,MeterCategory,MeterSubCategory,MeterId,MeterName,MeterRegion,UnitOfMeasure,Quantity,EffectivePrice,CostInBillingCurrency,CostCenter,ConsumedService,ResourceId,Tags,OfferId,AdditionalInfo,ServiceInfo1,ServiceInfo2,ResourceName,ReservationId,ReservationName,UnitPrice,ProductOrderId,ProductOrderName,Term,PublisherType,PublisherName,ChargeType,Frequency,PricingModel,AvailabilityZone,BillingAccountId,BillingAccountName,BillingCurrencyCode,BillingPeriodStartDate,BillingPeriodEndDate,BillingProfileId,BillingProfileName,InvoiceSectionId,IsAzureCreditEligible,PartNumber,PayGPrice,PlanName,ServiceFamily,CostAllocationRuleName,benefitId,benefitName,AccountId,ResourceLocationNormalized";

/// One resource the export bills: its id and region.
pub struct Billed<'a> {
    pub id: &'a str,
    pub location: &'a str,
}

/// What an export holds.
pub struct Written {
    pub rows: u64,
    pub bytes: u64,
    /// The exact sum of every row, in units of 10^-10.
    pub total_units: i128,
    /// The exact sum of the rows of the inventory's resources, in units of 10^-10.
    pub matched_units: i128,
}

impl Written {
    /// An amount in units of 10^-10 as decimal text (`12.0000000001`).
    pub fn text(units: i128) -> String {
        let sign = if units < 0 { "-" } else { "" };
        let units = units.unsigned_abs();
        let text = format!("{sign}{}.{:010}", units / 10_000_000_000, units % 10_000_000_000);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

const METERS: [(&str, &str, &str, &str); 4] = [
    ("Virtual Machines", "Dsv5 Series", "D4s v5", "1 Hour"),
    ("Storage", "Premium SSD Managed Disks", "P10 LRS Disk", "1/Month"),
    ("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "1 GB"),
    ("Azure App Service", "Premium v3 Plan", "P1 v3 App", "1 Hour"),
];

/// What an export covers and how it is written.
pub struct Shape<'a> {
    /// The first month, `(year, month)`.
    pub start: (i32, u32),
    pub months: u32,
    /// Rows per resource and month.
    pub rows_per_month: usize,
    pub currency: &'a str,
    /// Each row's amount is below this many currency units.
    pub max_amount: u64,
    pub seed: u64,
    /// About how many bytes each call of the sink gets.
    pub chunk: usize,
}

/// Writes an export for `resources`, calling `sink` with chunks of the file.
pub fn ea_export(resources: &[Billed<'_>], shape: &Shape<'_>, mut sink: impl FnMut(&[u8])) -> Written {
    let Shape { start, months, rows_per_month, currency, max_amount, seed, chunk } = *shape;
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut out = String::with_capacity(chunk + 4096);
    let mut written = Written { rows: 0, bytes: 0, total_units: 0, matched_units: 0 };
    out.push('\u{feff}');
    out.push_str(HEADER);
    out.push('\n');
    let subscription = "3f1c7a52-9d4e-4b8a-a6f3-2c5e8d1b7a90";
    let deleted = format!(
        "/subscriptions/{subscription}/resourceGroups/rg-retired/providers/Microsoft.Compute/virtualMachines/vm-deleted-01"
    );
    let reservation = "/providers/Microsoft.Capacity/reservationOrders/5a1e9d3c-0000-4000-8000-00000000a001/reservations/5a1e9d3c-0000-4000-8000-00000000a002";
    for offset in 0..months {
        let month_index = start.0 * 12 + start.1 as i32 - 1 + offset as i32;
        let (year, month) = (month_index / 12, month_index % 12 + 1);
        let extra: [(&str, &str, bool); 3] =
            [(deleted.as_str(), "eastus", false), (reservation, "", false), ("", "", false)];
        let billed = resources.iter().map(|r| (r.id, r.location, true)).chain(extra);
        for (id, location, matched) in billed {
            for row in 0..rows_per_month {
                let (category, sub_category, meter, unit) = METERS[(rng.next() % 4) as usize];
                // Amounts below `max_amount`, with ten decimals.
                let units = i128::from(rng.next() % max_amount.saturating_mul(10_000_000_000).max(1));
                written.total_units += units;
                if matched {
                    written.matched_units += units;
                }
                let day = 1 + (row as u32 * 7 + offset) % 28;
                let group = id.split('/').nth(4).unwrap_or("");
                let subscription = match id.split('/').nth(2) {
                    Some(guid) if id.starts_with("/subscriptions/") => guid,
                    _ => subscription,
                };
                let name = id.rsplit('/').next().unwrap_or("");
                let (charge, model) =
                    if id.starts_with("/providers/") { ("Purchase", "Reservation") } else { ("Usage", "OnDemand") };
                let _ = writeln!(
                    out,
                    "Retail IT,Contoso Retail,ops@contoso-retail.example,{subscription},contoso-retail-prod,{group},{location},{month:02}/{day:02}/{year},{category} {sub_category} - {meter},{category},{sub_category},{meter_id:08x}-1111-4222-8333-444455556666,{meter},{region},{unit},{quantity}.5,0.0123456789,{amount},CC-100,Microsoft.Compute,{id},\"\"\"app\"\": \"\"retail\"\",\"\"env\"\": \"\"prod\"\"\",MS-AZR-0017P,\"{{\"\"UsageType\"\":\"\"ComputeHR\"\"}}\",,,{name},,,0.0123456789,,,,Azure,Microsoft,{charge},UsageBased,{model},,1234567,Contoso Retail,{currency},{month:02}/01/{year},{month:02}/28/{year},1234567,Contoso Retail,IS-1,True,AAA-00001,0.0123456789,,Compute,,,,{account},{location}",
                    meter_id = rng.next() as u32,
                    region = if location.is_empty() { "" } else { location },
                    quantity = rng.next() % 744,
                    amount = Written::text(units),
                    account = 7654321,
                );
                written.rows += 1;
                if out.len() >= chunk {
                    written.bytes += out.len() as u64;
                    sink(out.as_bytes());
                    out.clear();
                }
            }
        }
    }
    written.bytes += out.len() as u64;
    sink(out.as_bytes());
    written
}

/// Where the sample estate's spend fixture is written.
pub const SAMPLE_PATH: &str = "tests/fixtures/spend/sample-estate-ea-actual.csv";

/// The sample estate's spend fixture: three months (January to March 2026) of EA cost
/// details in USD for its resources, a row each a month, a resource the estate does
/// not hold, a reservation purchase and a Marketplace charge. `resources` are the ones
/// billed; the caller leaves out the free ones and a few others (made after the export).
pub fn sample_export(resources: &[Billed<'_>]) -> (String, Written) {
    let shape = Shape {
        start: (2026, 1),
        months: 3,
        rows_per_month: 1,
        currency: "USD",
        max_amount: 120,
        seed: 7,
        chunk: 1 << 16,
    };
    let mut bytes = Vec::new();
    let written = ea_export(resources, &shape, |chunk| bytes.extend_from_slice(chunk));
    (String::from_utf8_lossy(&bytes).into_owned(), written)
}
