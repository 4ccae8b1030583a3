//! Exact reading of the amounts printed in bills ("0.01", "-0.01", "0.01000", "45.0") into
//! integers of a fixed scale — fen (scale 2) or 0.00001 yuan (scale 5) — without floats and
//! without allocating, since a bill can have millions of rows.

/// Reads `text` as an integer number of 10^-`scale` units. `None` when it is not a plain
/// decimal number, or has more significant decimals than `scale` allows.
pub fn parse_scaled(text: &str, scale: u32) -> Option<i64> {
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    let mut decimals: Option<u32> = None;
    let mut any_digit = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                any_digit = true;
                let d = i64::from(b - b'0');
                match decimals {
                    Some(n) if n >= scale => {
                        if d != 0 {
                            return None;
                        }
                    }
                    Some(n) => {
                        decimals = Some(n + 1);
                        value = value.checked_mul(10)?.checked_add(d)?;
                    }
                    None => value = value.checked_mul(10)?.checked_add(d)?,
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let used = decimals.unwrap_or(0).min(scale);
    value = value.checked_mul(10_i64.checked_pow(scale - used)?)?;
    Some(if negative { -value } else { value })
}

/// Formats an integer of 10^-`scale` units as yuan with at least two decimals ("0.08",
/// "0.012", "-0.04").
pub fn format_scaled(value: i64, scale: u32) -> String {
    let d = rust_decimal::Decimal::new(value, scale).normalize();
    if d.scale() < 2 {
        format!("{d:.2}")
    } else {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bill_amounts_exactly() {
        assert_eq!(parse_scaled("0.01", 2), Some(1));
        assert_eq!(parse_scaled("-0.01", 2), Some(-1));
        assert_eq!(parse_scaled("12", 2), Some(1200));
        assert_eq!(parse_scaled("45.0", 0), Some(45));
        assert_eq!(parse_scaled("0.01000", 5), Some(1000));
        assert_eq!(
            parse_scaled("0.01000", 2),
            Some(1),
            "trailing zeros beyond the scale are fine"
        );
        assert_eq!(
            parse_scaled("0.00600", 2),
            None,
            "a fraction of a fen is refused at scale 2"
        );
        assert_eq!(parse_scaled("1234567.89", 2), Some(123_456_789));
        assert_eq!(parse_scaled(".5", 2), Some(50));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "-",
            ".",
            "abc",
            "1.2.3",
            "1,000",
            "1e3",
            "¥5",
            "99999999999999999999",
        ] {
            assert_eq!(parse_scaled(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn formats_with_two_decimals_at_least() {
        assert_eq!(format_scaled(8000, 5), "0.08");
        assert_eq!(format_scaled(1200, 5), "0.012");
        assert_eq!(format_scaled(-4, 2), "-0.04");
        assert_eq!(format_scaled(0, 2), "0.00");
        assert_eq!(format_scaled(47, 2), "0.47");
    }
}
