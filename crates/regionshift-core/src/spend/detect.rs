//! Which export a header belongs to, and where the columns the spend reader needs are.
//!
//! Column names are compared after normalising: a localised header's English id in
//! brackets (`Abonnement-GUID (SubscriptionGuid)`), ignoring case, spaces, hyphens and
//! underscores. The kinds and the columns each one has follow Microsoft's documented
//! column lists (EA and MCA cost details, FOCUS, the 2019 usage details schemas, the
//! Enterprise portal's usage details file); the detection never relies on column order.

use serde::Serialize;

/// The kind of export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// Enterprise Agreement cost details export (`CostInBillingCurrency`,
    /// `BillingCurrencyCode`).
    EaCostDetails,
    /// Enterprise Agreement cost details as the portal downloads them (`Cost`,
    /// `BillingCurrency`).
    EaPortalDownload,
    /// Microsoft Customer Agreement cost details (camelCase, `costInBillingCurrency`).
    McaCostDetails,
    /// Microsoft Partner Agreement (CSP) cost details, read as MCA.
    McaPartner,
    /// FOCUS 1.0 or 1.0r2 as Cost Management exports it.
    Focus10,
    /// FOCUS 1.2 (preview) as Cost Management exports it.
    Focus12,
    /// The 2019 Enterprise Agreement usage details schema (`PreTaxCost`, no currency).
    UsageDetailsEa2019,
    /// The 2019 pay-as-you-go usage details schema (`PreTaxCost`, `Currency`).
    UsageDetailsPayg2019,
    /// The Enterprise portal's usage details CSV (`ExtendedCost`, `Instance ID`).
    EaPortalUsage,
    /// The same file from the Azure China (21Vianet) Enterprise portal, ea.azure.cn.
    ChinaEaPortalUsage,
    /// A file with a cost, an id and a date column but none of the layouts above.
    Generic,
}

impl ExportKind {
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::EaCostDetails => "Enterprise Agreement cost details",
            ExportKind::EaPortalDownload => "Enterprise Agreement cost details (portal download)",
            ExportKind::McaCostDetails => "Microsoft Customer Agreement cost details",
            ExportKind::McaPartner => "Microsoft Partner Agreement cost details",
            ExportKind::Focus10 => "FOCUS 1.0 cost and usage",
            ExportKind::Focus12 => "FOCUS 1.2 cost and usage",
            ExportKind::UsageDetailsEa2019 => "usage details (EA, 2019 schema)",
            ExportKind::UsageDetailsPayg2019 => "usage details (pay-as-you-go, 2019 schema)",
            ExportKind::EaPortalUsage => "Enterprise portal usage details",
            ExportKind::ChinaEaPortalUsage => "Azure China (21Vianet) Enterprise portal usage details",
            ExportKind::Generic => "cost export (generic columns)",
        }
    }

    /// Exports that hold actual cost only (no amortized variant exists).
    pub fn actual_only(self) -> bool {
        matches!(
            self,
            ExportKind::UsageDetailsEa2019
                | ExportKind::UsageDetailsPayg2019
                | ExportKind::EaPortalUsage
                | ExportKind::ChinaEaPortalUsage
        )
    }
}

/// Where the needed columns of a detected header are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub kind: ExportKind,
    pub delimiter: u8,
    /// The amount summed, and its header as the file spells it.
    pub cost: usize,
    pub cost_name: String,
    pub id: usize,
    pub date: usize,
    pub currency: Option<usize>,
    pub charge_type: Option<usize>,
    pub pricing_model: Option<usize>,
    /// FOCUS `ProviderName`: rows of other clouds are not Azure spend.
    pub provider: Option<usize>,
    /// `MeterRegion` / `ResourceLocation`, to tell a China portal file.
    pub region: Option<usize>,
    /// The highest column index any of the above uses.
    pub last: usize,
}

/// A header name normalised for comparison: the bracketed id of a localised name,
/// lowercased, without spaces, hyphens or underscores.
pub fn normalise(name: &str) -> String {
    let name = name.trim().trim_matches('"').trim_start_matches('\u{feff}');
    let inner = match (name.rfind('('), name.ends_with(')')) {
        (Some(open), true) if open + 1 < name.len() - 1 => {
            let inner = &name[open + 1..name.len() - 1];
            if inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                inner
            } else {
                name
            }
        }
        _ => name,
    };
    inner.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
}

/// Reads a header: the kind and columns, or `None` when it is not a spend export's.
pub fn detect(names: &[String], delimiter: u8) -> Option<Layout> {
    let normal: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let find = |wanted: &[&str]| wanted.iter().find_map(|w| normal.iter().position(|n| n == w));
    let has = |wanted: &str| normal.iter().any(|n| n == wanted);
    let id = find(&["resourceid", "instanceid", "instancename"])?;
    let kind;
    let cost;
    let date;
    let currency;
    if has("billedcost") && has("chargeperiodstart") {
        let focus12 = ["invoiceid", "pricingcurrency", "skumeter", "servicesubcategory"].iter().any(|c| has(c));
        kind = if focus12 { ExportKind::Focus12 } else { ExportKind::Focus10 };
        cost = find(&["billedcost"])?;
        date = find(&["chargeperiodstart"])?;
        currency = find(&["billingcurrency"]);
    } else if has("costinbillingcurrency") {
        let mca_only =
            ["invoiceid", "pricingcurrency", "exchangeratepricingtobilling", "costinusd"].iter().any(|c| has(c));
        let partner = has("partnername") || has("customertenantid");
        kind = if partner {
            ExportKind::McaPartner
        } else if mca_only && !has("accountownerid") {
            ExportKind::McaCostDetails
        } else if has("billingcurrencycode") || has("accountownerid") {
            ExportKind::EaCostDetails
        } else if mca_only || has("billingprofileid") {
            ExportKind::McaCostDetails
        } else {
            ExportKind::Generic
        };
        cost = find(&["costinbillingcurrency"])?;
        date = find(&["date", "usagedatetime"])?;
        currency = find(&["billingcurrencycode", "billingcurrency", "currency"]);
    } else if has("pretaxcost") {
        kind = if has("currency") { ExportKind::UsageDetailsPayg2019 } else { ExportKind::UsageDetailsEa2019 };
        cost = find(&["pretaxcost"])?;
        date = find(&["usagedatetime", "date"])?;
        currency = find(&["currency", "billingcurrency"]);
    } else if has("extendedcost") {
        kind = ExportKind::EaPortalUsage;
        cost = find(&["extendedcost"])?;
        date = find(&["date", "usagedatetime"])?;
        currency = find(&["currency", "billingcurrency"]);
    } else if has("cost") && has("billingcurrency") && has("date") {
        kind = ExportKind::EaPortalDownload;
        cost = find(&["cost"])?;
        date = find(&["date"])?;
        currency = find(&["billingcurrency"]);
    } else {
        return None;
    }
    let charge_type = find(&["chargetype", "chargecategory"]);
    let pricing_model = find(&["pricingmodel", "pricingcategory"]);
    let provider = find(&["providername"]).filter(|_| matches!(kind, ExportKind::Focus10 | ExportKind::Focus12));
    // The region tells an Azure China portal file from a global one; no other kind needs it.
    let region = find(&["meterregion", "resourcelocation", "regionid"]).filter(|_| kind == ExportKind::EaPortalUsage);
    let last = [Some(cost), Some(id), Some(date), currency, charge_type, pricing_model, provider, region]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    Some(Layout {
        kind,
        delimiter,
        cost,
        cost_name: names.get(cost).map(|n| n.trim().trim_start_matches('\u{feff}').to_string()).unwrap_or_default(),
        id,
        date,
        currency,
        charge_type,
        pricing_model,
        provider,
        region,
        last,
    })
}

/// Column names a spend header is recognised by, normalised (for telling a header line
/// from the preamble lines of an Enterprise portal file).
pub fn known_column(normal: &str) -> bool {
    matches!(
        normal,
        "resourceid"
            | "instanceid"
            | "costinbillingcurrency"
            | "cost"
            | "pretaxcost"
            | "extendedcost"
            | "billedcost"
            | "effectivecost"
            | "date"
            | "usagedatetime"
            | "chargeperiodstart"
            | "billingcurrencycode"
            | "billingcurrency"
            | "subscriptionguid"
            | "subscriptionid"
            | "meterid"
            | "metercategory"
            | "metername"
            | "meterregion"
            | "resourcegroup"
            | "resourcelocation"
            | "quantity"
            | "consumedquantity"
            | "accountownerid"
            | "accountname"
    )
}
