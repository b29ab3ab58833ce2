//! Exact sums of amounts read from an export's text: [`Exact`] is a fixed-point number
//! with 28 decimal places (as many as `rust_decimal::Decimal` keeps, and as many as
//! Cost Management writes) and a 128-bit whole part, so millions of rows sum without
//! any rounding: a `Decimal` holds 28 significant digits in all, and real exports' sums
//! need more (`1174.3581140357522129311096200001`). Amounts become a `Decimal` only at
//! the end ([`Exact::to_decimal`]), rounded half-to-even to the digits a `Decimal`
//! holds, and are shown exactly in JSON ([`Exact`]'s `Display`).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// Decimal places an [`Exact`] keeps.
pub const PLACES: u32 = 28;
const ONE: i128 = 10_000_000_000_000_000_000_000_000_000; // 10^28

/// An exact amount: `whole + frac / 10^28`, with `frac` of the same sign as `whole`
/// (or either sign when `whole` is zero) and `|frac| < 10^28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Exact {
    whole: i128,
    frac: i128,
}

/// Why an amount's text was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number (letters, two points, an empty field).
    NotANumber,
    /// More digits than any bill holds (an integer part beyond 10^36, or an exponent
    /// beyond 60).
    TooLarge,
}

impl Exact {
    pub const ZERO: Exact = Exact { whole: 0, frac: 0 };

    /// Reads `-12.5`, `0.0000000191107392311096200000`, `35.2E-7`, `1.91107E-08`, and
    /// `1,234.56` (thousands separators in threes). Digits beyond the 28th decimal place
    /// are rounded half-to-even; the second value says whether that happened.
    /// [`Exact::parse`] of bytes (the common form needs no UTF-8 check).
    pub fn parse_bytes(bytes: &[u8]) -> Result<(Exact, bool), AmountError> {
        if let Some(value) = Exact::parse_plain(bytes) {
            return Ok((value, false));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Exact::parse_general(text),
            Err(_) => Err(AmountError::NotANumber),
        }
    }

    pub fn parse(text: &str) -> Result<(Exact, bool), AmountError> {
        if let Some(value) = Exact::parse_plain(text.as_bytes()) {
            return Ok((value, false));
        }
        Exact::parse_general(text)
    }

    /// The common case without allocating: `[-]digits[.digits]`, at most 30 whole and 28
    /// decimal digits.
    fn parse_plain(bytes: &[u8]) -> Option<Exact> {
        let (negative, bytes) = match bytes.first()? {
            b'-' => (true, &bytes[1..]),
            _ => (false, bytes),
        };
        let (whole, count) = digits(bytes, 30)?;
        if count == 0 {
            return None;
        }
        let rest = &bytes[count..];
        let frac = match rest.split_first() {
            None => 0,
            Some((b'.', decimals)) => {
                let (frac, places) = digits(decimals, PLACES as usize)?;
                if places != decimals.len() {
                    return None;
                }
                frac * POW10[PLACES as usize - places]
            }
            Some(_) => return None,
        };
        let value = Exact { whole, frac };
        Some(if negative { value.neg() } else { value })
    }

    fn parse_general(text: &str) -> Result<(Exact, bool), AmountError> {
        let bytes = text.trim().as_bytes();
        let (negative, bytes) = match bytes.first() {
            Some(b'-') => (true, &bytes[1..]),
            Some(b'+') => (false, &bytes[1..]),
            _ => (false, bytes),
        };
        let (mantissa, exponent) = match bytes.iter().position(|b| *b == b'e' || *b == b'E') {
            Some(at) => {
                let exponent = std::str::from_utf8(&bytes[at + 1..])
                    .ok()
                    .and_then(|e| e.parse::<i32>().ok())
                    .ok_or(AmountError::NotANumber)?;
                (&bytes[..at], exponent)
            }
            None => (bytes, 0),
        };
        if !(-60..=60).contains(&exponent) {
            return Err(AmountError::TooLarge);
        }
        let (int_part, frac_part) = match mantissa.iter().position(|b| *b == b'.') {
            Some(at) => (&mantissa[..at], &mantissa[at + 1..]),
            None => (mantissa, &[][..]),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(AmountError::NotANumber);
        }
        // Digits of the whole part, checking any thousands separators.
        let mut digits: Vec<u8> = Vec::with_capacity(int_part.len() + frac_part.len());
        if int_part.contains(&b',') {
            let groups: Vec<&[u8]> = int_part.split(|b| *b == b',').collect();
            let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(AmountError::NotANumber);
            }
            for group in groups {
                digits.extend_from_slice(group);
            }
        } else {
            digits.extend_from_slice(int_part);
        }
        let int_len = digits.len();
        digits.extend_from_slice(frac_part);
        if digits.iter().any(|b| !b.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        // The point moves by the exponent: `point` digits of `digits` are the whole part.
        let point = i64::try_from(int_len).map_err(|_| AmountError::TooLarge)? + i64::from(exponent);
        let mut whole: i128 = 0;
        let mut frac: i128 = 0;
        let mut rounded = false;
        let mut place = 0u32; // decimal places filled in `frac`
        let mut leading_frac_zeros = if point < 0 { point.unsigned_abs() } else { 0 };
        // Whole part: digits before the point, then zeros when the point is beyond them.
        let whole_digits = point.clamp(0, i64::try_from(digits.len()).unwrap_or(i64::MAX)) as usize;
        for digit in &digits[..whole_digits] {
            whole = whole
                .checked_mul(10)
                .and_then(|w| w.checked_add(i128::from(digit - b'0')))
                .ok_or(AmountError::TooLarge)?;
        }
        for _ in digits.len() as i64..point {
            whole = whole.checked_mul(10).ok_or(AmountError::TooLarge)?;
        }
        if whole >= 10i128.pow(36) {
            return Err(AmountError::TooLarge);
        }
        // Fractional part: zeros after the point, then the remaining digits.
        let mut rest = digits[whole_digits..].iter().copied().peekable();
        let mut next_digit = || {
            if leading_frac_zeros > 0 {
                leading_frac_zeros -= 1;
                Some(0u8)
            } else {
                rest.next().map(|d| d - b'0')
            }
        };
        while place < PLACES {
            match next_digit() {
                Some(d) => {
                    frac = frac * 10 + i128::from(d);
                    place += 1;
                }
                None => break,
            }
        }
        frac *= 10i128.pow(PLACES - place);
        // Digits beyond the 28th place: round half to even.
        let mut beyond: Vec<u8> = Vec::new();
        while let Some(d) = next_digit() {
            beyond.push(d);
        }
        if let Some((first, more)) = beyond.split_first() {
            rounded = true;
            let sticky = more.iter().any(|d| *d != 0);
            let up = *first > 5 || (*first == 5 && (sticky || frac % 2 == 1));
            if up {
                frac += 1;
                if frac == ONE {
                    frac = 0;
                    whole = whole.checked_add(1).ok_or(AmountError::TooLarge)?;
                }
            }
        }
        let value = Exact { whole, frac };
        Ok((if negative { value.neg() } else { value }, rounded))
    }

    fn neg(self) -> Exact {
        Exact { whole: -self.whole, frac: -self.frac }
    }

    /// `self + other`, or `None` beyond 10^37.
    pub fn checked_add(self, other: Exact) -> Option<Exact> {
        let mut whole = self.whole.checked_add(other.whole)?;
        let mut frac = self.frac + other.frac; // |each| < 10^28: no overflow
        if frac >= ONE {
            frac -= ONE;
            whole = whole.checked_add(1)?;
        } else if frac <= -ONE {
            frac += ONE;
            whole = whole.checked_sub(1)?;
        }
        // Same sign for both parts.
        if whole > 0 && frac < 0 {
            whole -= 1;
            frac += ONE;
        } else if whole < 0 && frac > 0 {
            whole += 1;
            frac -= ONE;
        }
        (whole.abs() < 10i128.pow(37)).then_some(Exact { whole, frac })
    }

    pub fn is_zero(self) -> bool {
        self.whole == 0 && self.frac == 0
    }

    /// The amount as a `Decimal`, rounded half-to-even to the places a `Decimal` of this
    /// size holds (all 28 when the whole part is small); `None` beyond a `Decimal`'s
    /// range (about 7.9 × 10^28).
    pub fn to_decimal(self) -> Option<Decimal> {
        let negative = self.whole < 0 || self.frac < 0;
        let (whole, frac) = (self.whole.unsigned_abs(), self.frac.unsigned_abs());
        // A Decimal's mantissa is below 2^96; `LIMITS[s]` is the largest whole part that
        // leaves room for `s` decimal places.
        const MAX: u128 = (1u128 << 96) - 1;
        const LIMITS: [u128; PLACES as usize + 1] = {
            let mut limits = [0u128; PLACES as usize + 1];
            let mut scale = 0;
            while scale <= PLACES as usize {
                limits[scale] = MAX / 10u128.pow(scale as u32);
                scale += 1;
            }
            limits
        };
        for scale in (0..=PLACES).rev() {
            if whole > LIMITS[scale as usize] {
                continue;
            }
            let Some(shifted) = whole.checked_mul(10u128.pow(scale)) else { continue };
            let divisor = 10u128.pow(PLACES - scale);
            let (kept, dropped) = (frac / divisor, frac % divisor);
            let half = divisor / 2;
            let up = divisor > 1 && (dropped > half || (dropped == half && kept % 2 == 1));
            let Some(mantissa) = shifted.checked_add(kept + u128::from(up)) else { continue };
            if mantissa <= MAX {
                let value = Decimal::from_i128_with_scale(i128::try_from(mantissa).ok()?, scale);
                return Some(if negative { -value } else { value });
            }
        }
        None
    }
}

/// 10^0 to 10^28.
const POW10: [i128; PLACES as usize + 1] = {
    let mut table = [1i128; PLACES as usize + 1];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// The leading ASCII digits of `bytes` as a number, and how many there are; `None` when
/// there are more than `max`. Eighteen digits at a time in 64 bits.
fn digits(bytes: &[u8], max: usize) -> Option<(i128, usize)> {
    let (mut value, mut small, mut pending, mut count) = (0i128, 0u64, 0usize, 0usize);
    for &byte in bytes {
        if !byte.is_ascii_digit() {
            break;
        }
        if count == max {
            return None;
        }
        small = small * 10 + u64::from(byte - b'0');
        pending += 1;
        count += 1;
        if pending == 18 {
            value = value * POW10[18] + i128::from(small);
            (small, pending) = (0, 0);
        }
    }
    Some((value * POW10[pending] + i128::from(small), count))
}

/// The exact value, without trailing zeros: `-1174.3581140357522129311096200001`.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.whole < 0 || self.frac < 0;
        let sign = if negative { "-" } else { "" };
        let frac = format!("{:028}", self.frac.unsigned_abs());
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{sign}{}", self.whole.unsigned_abs())
        } else {
            write!(f, "{sign}{}.{frac}", self.whole.unsigned_abs())
        }
    }
}

/// Written as its exact decimal text, like every amount in the JSON output.
impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
