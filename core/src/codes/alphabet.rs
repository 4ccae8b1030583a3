//! The characters a generated code is made of and its check character.
//!
//! The alphabet leaves out the characters people misread on a printed voucher or a till's
//! screen: 0/O, 1/I/L, and U (read as V). What is left is 30 symbols — an even number, which
//! Luhn mod N needs: doubling is then a permutation of the symbols, so the check character
//! catches every single-character substitution (and most swaps of neighbours).

use rand::Rng;

/// The symbols of a generated code, in the order their values count for the check.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

const N: u32 = ALPHABET.len() as u32;

/// The value of a symbol, or `None` when it is not in the alphabet.
fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)
}

/// Luhn mod N's addend: the value, doubled on every second symbol from the right (counting
/// the check symbol as the first), with the "digits" of the doubled value in base N summed.
fn addend(v: u32, doubled: bool) -> u32 {
    if doubled {
        let d = v * 2;
        d / N + d % N
    } else {
        v
    }
}

/// The check symbol for `body` (prefix and random part), or `None` when `body` has a
/// character outside the alphabet.
pub fn check_char(body: &str) -> Option<char> {
    let mut sum = 0;
    // The check symbol will be the rightmost, undoubled; so the body's last is doubled.
    for (i, c) in body.bytes().rev().enumerate() {
        sum += addend(value(c)?, i % 2 == 0);
    }
    Some(ALPHABET[((N - sum % N) % N) as usize] as char)
}

/// Whether a whole code (body and check symbol) is consistent.
pub fn is_valid(code: &str) -> bool {
    let mut sum = 0;
    for (i, c) in code.bytes().rev().enumerate() {
        match value(c) {
            Some(v) => sum += addend(v, i % 2 == 1),
            None => return false,
        }
    }
    !code.is_empty() && sum % N == 0
}

/// Whether every character of `text` is in the alphabet.
pub fn in_alphabet(text: &str) -> bool {
    text.bytes().all(|c| value(c).is_some())
}

/// A new code: `prefix`, `random` symbols drawn from `rng`, and the check symbol.
pub fn new_code(rng: &mut impl Rng, prefix: &str, random: usize) -> String {
    let mut code = String::with_capacity(prefix.len() + random + 1);
    code.push_str(prefix);
    for _ in 0..random {
        code.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    // The prefix was checked against the alphabet, so a check symbol always exists.
    code.push(check_char(&code).unwrap_or('2'));
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alikes_and_no_repeats() {
        for c in b"01OILU" {
            assert!(!ALPHABET.contains(c), "{}", *c as char);
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), ALPHABET.len());
        assert_eq!(ALPHABET.len() % 2, 0, "Luhn mod N needs an even N");
    }

    #[test]
    fn doubling_is_a_permutation_so_no_substitution_cancels_out() {
        // The whole proof in one loop: at an undoubled position the addend is the value; at a
        // doubled one it must still differ for every two different symbols.
        let mut seen = std::collections::HashSet::new();
        for v in 0..N {
            assert!(
                seen.insert(addend(v, true)),
                "doubling maps two symbols to one"
            );
        }
    }

    #[test]
    fn every_single_substitution_of_every_position_is_caught() {
        let mut rng = rand::rng();
        for n in 0..300 {
            let prefix = if n % 3 == 0 { "MX" } else { "" };
            let code = new_code(&mut rng, prefix, 4 + n % 12);
            assert!(is_valid(&code), "{code}");
            let bytes = code.as_bytes();
            for pos in 0..bytes.len() {
                for &other in ALPHABET {
                    if other == bytes[pos] {
                        continue;
                    }
                    let mut typo = bytes.to_vec();
                    typo[pos] = other;
                    let typo = String::from_utf8(typo).unwrap();
                    assert!(!is_valid(&typo), "{code} → {typo} not caught");
                }
                // A look-alike typed instead (0 for 2, O for Q, …) is outside the alphabet.
                let mut typo = bytes.to_vec();
                typo[pos] = b'0';
                assert!(!is_valid(&String::from_utf8(typo).unwrap()));
            }
        }
    }

    #[test]
    fn a_known_code_and_its_check() {
        // Fixed so a change of alphabet or algorithm (which would orphan printed vouchers)
        // shows up here.
        assert_eq!(check_char("MX7K3QH9"), Some('T'));
        assert!(is_valid("MX7K3QH9T"));
        assert_eq!(check_char("ab"), None);
    }
}
