//! Money: `Decimal` yuan in Rust, INTEGER fen in SQLite, decimal strings at the edges.
//!
//! There is no float anywhere on this path; conversions refuse amounts that would lose a fen.

use rust_decimal::Decimal;

use crate::problem::Problem;

/// Largest amount PromoDesk stores (¥10 trillion): keeps fen sums far from i64 overflow.
pub const MAX_YUAN: i64 = 10_000_000_000_000;

/// Converts yuan to fen; `None` if the amount has a fraction of a fen or is out of range.
pub fn to_fen(yuan: Decimal) -> Option<i64> {
    let fen = yuan.checked_mul(Decimal::ONE_HUNDRED)?;
    if fen.fract() != Decimal::ZERO {
        return None;
    }
    let fen = i64::try_from(fen).ok()?;
    (fen.abs() <= MAX_YUAN * 100).then_some(fen)
}

/// Converts fen to yuan with exactly two decimals.
pub fn from_fen(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

/// Converts 0.00001 yuan (how fees are kept) to yuan with the decimals it needs, at least two:
/// `8000` → `0.08`, `23492400` → `234.924`, `803424` → `8.03424`.
pub fn from_e5(e5: i64) -> Decimal {
    let mut yuan = Decimal::new(e5, 5).normalize();
    if yuan.scale() < 2 {
        yuan.rescale(2);
    }
    yuan
}

/// Parses a yuan amount typed by a person ("1234.5", "¥1,234.50", " 30 ").
pub fn parse_yuan(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if cleaned.is_empty() || cleaned.contains(['e', 'E']) {
        return None;
    }
    cleaned.parse::<Decimal>().ok()
}

/// Checks a non-negative CNY amount with at most two decimals, reporting on `field`.
pub fn check_amount(field: &str, value: Decimal) -> Result<i64, Problem> {
    let label = crate::problem::field_label(field);
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Problem::new(
            field,
            "money.negative",
            format!("{} {value} is negative; enter 0 or more", label.0),
            format!("{} {value} 为负数；请输入 0 或更大的金额", label.1),
        ));
    }
    if value.normalize().scale() > 2 {
        return Err(Problem::new(
            field,
            "money.too_precise",
            format!(
                "{} {value} has more than 2 decimals; round it to the fen (e.g. 12.34)",
                label.0
            ),
            format!("{} {value} 超过两位小数；请精确到分（如 12.34）", label.1),
        ));
    }
    to_fen(value).ok_or_else(|| {
        Problem::new(
            field,
            "money.too_large",
            format!(
                "{} {value} is too large; the limit is {MAX_YUAN} yuan",
                label.0
            ),
            format!("{} {value} 过大；上限为 {MAX_YUAN} 元", label.1),
        )
    })
}

/// Formats yuan as a person reads it in China: `¥1,234.50`.
pub fn format_cny(value: Decimal) -> String {
    let rounded = value.round_dp(2);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}¥{grouped}.{frac}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn fees_keep_their_decimals_and_at_least_two() {
        for (e5, shown) in [
            (0, "0.00"),
            (8000, "0.08"),
            (23_492_400, "234.924"),
            (803_424, "8.03424"),
            (-1_000_000, "-10.00"),
            (-150, "-0.0015"),
        ] {
            assert_eq!(from_e5(e5).to_string(), shown);
            assert_eq!(from_e5(e5).to_string(), crate::import::format_scaled(e5, 5));
        }
    }

    #[test]
    fn fen_round_trips_exactly() {
        for s in ["0", "0.01", "0.1", "30", "1234.50", "99999999.99"] {
            let fen = to_fen(d(s)).unwrap();
            assert_eq!(from_fen(fen), d(s));
        }
        assert_eq!(to_fen(d("1234.5")), Some(123_450));
    }

    #[test]
    fn fractions_of_a_fen_are_refused() {
        assert_eq!(to_fen(d("0.001")), None);
        let err = check_amount("budget", d("10.005")).unwrap_err();
        assert_eq!(err.rule, "money.too_precise");
        assert!(err.message.en.contains("more than 2 decimals"));
    }

    #[test]
    fn negative_amounts_are_refused() {
        let err = check_amount("budget", d("-1")).unwrap_err();
        assert_eq!(err.rule, "money.negative");
        assert_eq!(check_amount("budget", d("0")).unwrap(), 0);
        assert_eq!(check_amount("budget", d("12.30")).unwrap(), 1230);
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_yuan("¥1,234.50"), Some(d("1234.50")));
        assert_eq!(parse_yuan(" 30 "), Some(d("30")));
        assert_eq!(parse_yuan("1e3"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
    }

    #[test]
    fn formats_cny_with_grouping() {
        assert_eq!(format_cny(d("1234.5")), "¥1,234.50");
        assert_eq!(format_cny(d("0")), "¥0.00");
        assert_eq!(format_cny(d("1234567.891")), "¥1,234,567.89");
        assert_eq!(format_cny(d("-30")), "-¥30.00");
        assert_eq!(format_cny(d("999")), "¥999.00");
    }
}
