//! The units the core measures in, each with one way of being shown: money (a
//! [`Decimal`] and a [`Currency`]), percentages, hours and calendar dates.
//!
//! A leaf: it knows nothing of Azure or of analyses. Every rendering (the CLI, the app,
//! the report and its exports) shows amounts, shares, durations and dates through the
//! `Display` of these types, so no two outputs format them differently.
//!
//! # Rounding
//!
//! All rounding is half-to-even ("banker's rounding"). A cost line keeps
//! [`LINE_DECIMALS`] places ([`line_amount`]), far below a cent, which keeps totals
//! exact sums of their lines in any order; money, percentages and hours are rounded to
//! two decimals only when shown ([`round_for_display`]).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The currencies prices come in: Azure China lists CNY, global Azure lists USD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    /// Reads an ISO 4217 code (`CNY`, `usd`, or `RMB` for the yuan); other currencies are
    /// not supported.
    pub fn parse(text: &str) -> Option<Currency> {
        match text.trim().to_ascii_uppercase().as_str() {
            "CNY" | "RMB" => Some(Currency::Cny),
            "USD" => Some(Currency::Usd),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = String;

    fn from_str(text: &str) -> Result<Currency, String> {
        Currency::parse(text).ok_or_else(|| format!("only CNY and USD are priced, not {text:?}"))
    }
}

/// Decimal places a cost line's amount keeps.
pub const LINE_DECIMALS: u32 = 10;

/// A line's amount at [`LINE_DECIMALS`] places, half-to-even. Far below a cent, and it
/// keeps every sum exact: 28 significant digits hold any estate's total at this scale,
/// so totals and breakdowns come out the same whatever order their lines are added in.
pub fn line_amount(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(LINE_DECIMALS, RoundingStrategy::MidpointNearestEven)
}

/// Rounds for display: half-to-even, two decimals. Used only when showing a figure;
/// lines and totals keep full precision.
pub fn round_for_display(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

/// An amount of money in a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// The same amount shown as a change, with its sign: `CNY +1,234.50`.
    pub fn change(self) -> Change {
        Change(self)
    }

    /// The amount without its currency, as shown: `1,234.50`.
    pub fn amount_text(self) -> String {
        Amount(self.amount).to_string()
    }
}

/// `CNY 1,234.50`, `USD -0.50`: rounded for display, thousands separated by commas.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency.code(), Amount(self.amount))
    }
}

/// A change in money as shown: `CNY +1,234.50`, `CNY -12.00`, `CNY +0.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change(pub Money);

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Money { amount, currency } = self.0;
        let sign = if amount.is_sign_negative() && !round_for_display(amount).is_zero() { "" } else { "+" };
        write!(f, "{} {sign}{}", currency.code(), Amount(amount))
    }
}

/// An amount without a currency, as shown: rounded for display, two decimals,
/// thousands separated by commas (`-1,234.50`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = round_for_display(self.0);
        let text = format!("{:.2}", rounded.abs());
        let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
        if rounded.is_sign_negative() && !rounded.is_zero() {
            f.write_str("-")?;
        }
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        write!(f, ".{cents}")
    }
}

/// A share in percent (`39.5` is 39.5%), shown rounded to two decimals: `39.5%`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(pub Decimal);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", round_for_display(self.0).normalize())
    }
}

/// A duration in hours, shown rounded to two decimals: `114.88 h`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hours(pub Decimal);

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} h", round_for_display(self.0).normalize())
    }
}

/// A calendar day of the proleptic Gregorian calendar, shown and read as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A real day, or `None` (February 30th, month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let month_index = usize::try_from(month).ok()?.checked_sub(1)?;
        let last = *days_in_month.get(month_index)?;
        ((1..=9999).contains(&year) && (1..=last).contains(&day)).then(|| Date {
            year,
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        })
    }

    /// The day a number of days after 1970-01-01 (negative: before it). Howard
    /// Hinnant's `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads `YYYY-MM-DD`, a real day.
impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Date, String> {
        let wrong = || format!("a date is YYYY-MM-DD, such as 2026-11-25, not {text:?}");
        let mut parts = text.trim().split('-');
        let (Some(year), Some(month), Some(day), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(wrong());
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(wrong());
        }
        let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>()) else {
            return Err(wrong());
        };
        Date::new(year, month, day).ok_or_else(|| format!("{text:?} is not a day of the calendar"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn money_shows_two_decimals_with_thousands_separators() {
        assert_eq!(Money::new(d("1234.5"), Currency::Cny).to_string(), "CNY 1,234.50");
        assert_eq!(Money::new(d("-0.5"), Currency::Usd).to_string(), "USD -0.50");
        assert_eq!(Money::new(d("-0.001"), Currency::Usd).to_string(), "USD 0.00");
        assert_eq!(Money::new(d("1234567.125"), Currency::Cny).to_string(), "CNY 1,234,567.12", "half to even");
        assert_eq!(Money::new(d("999.995"), Currency::Cny).amount_text(), "1,000.00");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(Money::new(d("1234.5"), Currency::Cny).change().to_string(), "CNY +1,234.50");
        assert_eq!(Money::new(d("-12"), Currency::Cny).change().to_string(), "CNY -12.00");
        assert_eq!(Money::new(d("-0.001"), Currency::Cny).change().to_string(), "CNY +0.00");
    }

    #[test]
    fn percentages_and_hours_round_for_display() {
        assert_eq!(Percent(d("39.4736")).to_string(), "39.47%");
        assert_eq!(Percent(d("40.00")).to_string(), "40%");
        assert_eq!(Hours(d("114.875")).to_string(), "114.88 h");
        assert_eq!(Hours(d("2")).to_string(), "2 h");
    }

    #[test]
    fn dates_read_and_show_iso_days_and_count_days() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(date.to_string(), "2024-02-29");
        for bad in ["2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01x", "", "2026-00-10"] {
            assert!(bad.parse::<Date>().is_err(), "{bad} accepted");
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        for days in [-1000, 0, 59, 60, 11_017, 20_000, 2_932_896] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(2024, 2, 28).unwrap().days_until(Date::new(2024, 3, 1).unwrap()), 2);
    }
}
