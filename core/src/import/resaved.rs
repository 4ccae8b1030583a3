//! Signs that a bill was opened in a spreadsheet program (Excel, WPS) and saved again. The
//! programs read long ids as numbers: they keep 15 significant digits and print the rest in
//! scientific notation, so the ids no longer match anything and the bill must be downloaded
//! again. Only signs that no genuine bill shows are used: a merchant's own order number may
//! legitimately be short or lack leading zeros, and test and generated ids end in long runs of
//! zeros (`4200000000000000000000000001`), so a lost leading zero or an id cut to 15 digits and
//! padded with zeros proves nothing and is not looked at.

/// `4.20000E+27`, `4.2E+27`, `4.2e27`: how a spreadsheet prints a number of 12 or more digits.
/// The mantissa has one leading digit and the exponent is at least 11, which a merchant's own
/// order number (letters and digits of its choosing) does not plausibly look like.
pub fn scientific(text: &str) -> bool {
    let Some(e) = text.find(['E', 'e']) else {
        return false;
    };
    let (mantissa, exponent) = (&text[..e], &text[e + 1..]);
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("");
    whole.len() == 1
        && whole.bytes().all(|b| (b'1'..=b'9').contains(&b))
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.len() <= 3
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && exponent.parse::<u32>().is_ok_and(|x| x >= 11)
}

/// `2019/2/19 5:01`: a spreadsheet's own date display, which drops the seconds every bill prints.
pub fn spreadsheet_time(text: &str) -> bool {
    let Some((date, time)) = text.trim().split_once(' ') else {
        return false;
    };
    let numbers = |s: &str, sep: &[char], widths: &[std::ops::RangeInclusive<usize>]| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() == widths.len()
            && parts
                .iter()
                .zip(widths)
                .all(|(p, w)| w.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    numbers(date, &['/', '-'], &[4..=4, 1..=2, 1..=2]) && numbers(time, &[':'], &[1..=2, 2..=2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_signs_are_told_from_genuine_values() {
        for s in ["4.20000E+27", "4.2E+27", "4.2e27", "2.01909E+27", "5E+29"] {
            assert!(scientific(s), "{s}");
        }
        for s in [
            "4200000263201902167700134212",
            "autotest_2019",
            "E+27",
            "42E+27",
            "1E5",
            "0.5E+12",
            "REF42E+27",
        ] {
            assert!(!scientific(s), "{s}");
        }
        assert!(spreadsheet_time("2019/2/19 5:01"));
        assert!(spreadsheet_time("2019-02-19 05:01"));
        assert!(!spreadsheet_time("2019-02-19 05:01:46"));
        assert!(!spreadsheet_time("2019-02-30"));
    }
}
