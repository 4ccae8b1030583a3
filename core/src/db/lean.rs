//! How a trade is stored in few bytes (`trade_row`, migrations 0013 and 0014) and read back whole (the
//! `trade` view).
//!
//! A mall keeps ten million trades and more; at the bill's own size (270 bytes a trade) the
//! database outgrows a laptop's disk and its cache. What takes the room is text: 28-digit
//! transaction numbers, 20-digit order numbers, merchant ids, `wechat_pay`, `payment`, and a
//! dedupe key that repeated two of them. So:
//! - a long number is kept as its value — [`pack`]: the trailing run of digits (up to 38) as a
//!   big-endian integer, its digit count, and whatever text came before it; anything else stays
//!   text. The encoding is canonical (one text, one stored value) and exact both ways, leading
//!   zeros included; SQL reads it back through `pd_unpack`, registered on every connection
//!   ([`register`]);
//! - provider and kind are small integers (`PROVIDERS`, `refund` 0/1);
//! - the dedupe key is not stored when the bill's numbers already spell it (`key` NULL: trade
//!   number "/" merchant order number, WeChat Pay's payments; 0: the trade number itself), and
//!   is found through a unique 47-bit value: a 44-bit hash of (provider, kind, key) and one of
//!   eight slots ([`key_hash`]); keys that share a hash take the next slot and are told apart
//!   by comparing the keys themselves, so no two trades with one key are ever stored and no two
//!   different keys are ever taken for one;
//! - 应结 is stored as what it falls short of the order amount, zero (no bytes) for most rows.

use crate::sql::types::{Value, ValueRef};
use crate::sql::{Connection, OptionalExtension};
use rusqlite::functions::FunctionFlags;

/// The providers' keys by their stored code (the index). New providers go at the end.
pub(crate) const PROVIDERS: [&str; 5] = [
    "wechat_pay",
    "alipay",
    "unionpay",
    "bank_card",
    "member_card",
];

/// The stored code of a provider's key.
pub(crate) fn provider_code(key: &str) -> Option<i64> {
    PROVIDERS.iter().position(|p| *p == key).map(|i| i as i64)
}

/// The number `merchant_ref` keeps for a merchant id, added when it is new (by whichever
/// connection adds it first): trades and the
/// rollup keep this instead of the id (a mall has a few hundred; migration 0014).
pub(crate) fn merchant_ref(conn: &Connection, merchant_id: &str) -> crate::sql::Result<i64> {
    let mut find = conn.prepare_cached("SELECT id FROM merchant_ref WHERE merchant_id = ?1")?;
    if let Some(id) = find.query_row([merchant_id], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    // Another desktop's import may add the same id at the same moment (a team database): its
    // row wins, and this one reads it once that import commits.
    conn.execute(
        "INSERT INTO merchant_ref (merchant_id) VALUES (?1) ON CONFLICT DO NOTHING",
        [merchant_id],
    )?;
    find.query_row([merchant_id], |r| r.get(0))
}

/// Digits kept as a number: a run shorter than this saves nothing.
const MIN_RUN: usize = 4;
/// The most digits a u128 holds whatever they are.
const MAX_RUN: usize = 38;

/// Bytes that hold every number of `digits` digits.
fn width(digits: usize) -> usize {
    let max = 10u128.pow(digits as u32) - 1;
    (128 - max.leading_zeros() as usize).div_ceil(8)
}

/// The stored form of an identifier: a BLOB `[digit count][the number, big-endian][text
/// before it]` when it ends in at least four digits, else the text itself.
pub(crate) fn pack(text: &str) -> Value {
    let mut out = Vec::new();
    if pack_into(text, &mut out) {
        Value::Blob(out)
    } else {
        Value::Text(text.to_string())
    }
}

/// Appends [`pack`]'s stored form of `text` to `out`: the BLOB's bytes (and true), or the text's.
pub(crate) fn pack_into(text: &str, out: &mut Vec<u8>) -> bool {
    let bytes = text.as_bytes();
    let run = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count()
        .min(MAX_RUN);
    if run < MIN_RUN {
        out.extend_from_slice(bytes);
        return false;
    }
    let (prefix, digits) = bytes.split_at(bytes.len() - run);
    let number = digits
        .iter()
        .fold(0u128, |n, d| n * 10 + u128::from(d - b'0'));
    let w = width(run);
    out.push(run as u8);
    out.extend_from_slice(&number.to_be_bytes()[16 - w..]);
    out.extend_from_slice(prefix);
    true
}

/// Whether [`key_form`] stores nothing but a marker for this key: `Some(None)` for trade
/// number "/" order number, `Some(Some(0))` for the trade number, `None` when the key is stored.
pub(crate) fn key_marker(key: &str, trade_no: &str, order_no: &str) -> Option<Option<i64>> {
    if key == trade_no {
        Some(Some(0))
    } else if key.len() == trade_no.len() + 1 + order_no.len()
        && key.starts_with(trade_no)
        && key.as_bytes()[trade_no.len()] == b'/'
        && key.ends_with(order_no)
    {
        Some(None)
    } else {
        None
    }
}

/// The text a stored identifier stands for; `None` for a value [`pack`] never writes.
pub(crate) fn unpack_ref(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Text(t) => String::from_utf8(t.to_vec()).ok(),
        ValueRef::Blob(b) => {
            let run = usize::from(*b.first()?);
            if !(MIN_RUN..=MAX_RUN).contains(&run) {
                return None;
            }
            let w = width(run);
            let number = b.get(1..1 + w)?;
            let mut buf = [0u8; 16];
            buf[16 - w..].copy_from_slice(number);
            let prefix = std::str::from_utf8(&b[1 + w..]).ok()?;
            Some(format!("{prefix}{:0run$}", u128::from_be_bytes(buf)))
        }
        _ => None,
    }
}

/// How the dedupe key is stored beside the trade's numbers (see the module's doc).
pub(crate) fn key_form(key: &str, trade_no: &str, order_no: &str) -> Value {
    match key_marker(key, trade_no, order_no) {
        Some(Some(zero)) => Value::Integer(zero),
        Some(None) => Value::Null,
        None => pack(key),
    }
}

/// The dedupe key back from its stored form.
pub(crate) fn key_text(form: ValueRef<'_>, trade_no: &str, order_no: &str) -> Option<String> {
    match form {
        ValueRef::Null => Some(format!("{trade_no}/{order_no}")),
        ValueRef::Integer(0) => Some(trade_no.to_string()),
        other => unpack_ref(other),
    }
}

/// Where the dedupe index looks for a key: XXH3 of provider, kind and key cut to 44 bits,
/// times 8. The eight values from there are the key's slots: a key is stored in the first free
/// one, so the index can be UNIQUE (one seek decides a new trade) while the rare keys that share
/// a hash still each get their own; a lookup reads all eight and the keys decide. Below 2^47,
/// so six bytes in a record.
pub(crate) fn key_hash(provider: &str, refund: bool, key: &str) -> i64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(provider.as_bytes());
    h.update(if refund {
        b"\x1frefund\x1f"
    } else {
        b"\x1fpayment\x1f"
    });
    h.update(key.as_bytes());
    ((h.digest() >> 20) << 3) as i64
}

/// Slots per hash (see [`key_hash`]).
pub(crate) const SLOTS: i64 = 8;

fn text_arg(ctx: &rusqlite::functions::Context<'_>, i: usize) -> crate::sql::Result<String> {
    match ctx.get_raw(i) {
        ValueRef::Null => Ok(String::new()),
        ValueRef::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
        other => unpack_ref(other)
            .ok_or_else(|| crate::sql::Error::UserFunctionError("not a stored identifier".into())),
    }
}

/// Registers the SQL side of the encoding on a connection: `pd_pack(text)`,
/// `pd_unpack(stored)`, `pd_key(form, trade_no, order_no)` (stored values) and
/// `pd_key_form(key, trade_no, order_no)`, `pd_key_hash(provider, kind, key)` (texts). The
/// `trade` view and the migration call them; every connection PromoDesk opens has them.
pub(crate) fn register(conn: &rusqlite::Connection) -> crate::sql::Result<()> {
    // Who the history names (migration 0015's triggers).
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("pd_pack", 1, flags, |ctx| Ok(pack(&text_arg(ctx, 0)?)))?;
    conn.create_scalar_function("pd_unpack", 1, flags, |ctx| match ctx.get_raw(0) {
        ValueRef::Null => Ok(None),
        v => unpack_ref(v)
            .map(Some)
            .ok_or_else(|| crate::sql::Error::UserFunctionError("not a stored identifier".into())),
    })?;
    conn.create_scalar_function("pd_key", 3, flags, |ctx| {
        let (trade_no, order_no) = (text_arg(ctx, 1)?, text_arg(ctx, 2)?);
        key_text(ctx.get_raw(0), &trade_no, &order_no)
            .ok_or_else(|| crate::sql::Error::UserFunctionError("not a stored key".into()))
    })?;
    conn.create_scalar_function("pd_key_form", 3, flags, |ctx| {
        Ok(key_form(
            &text_arg(ctx, 0)?,
            &text_arg(ctx, 1)?,
            &text_arg(ctx, 2)?,
        ))
    })?;
    conn.create_scalar_function("pd_key_hash", 3, flags, |ctx| {
        let kind = text_arg(ctx, 1)?;
        Ok(key_hash(
            &text_arg(ctx, 0)?,
            kind == "refund",
            &text_arg(ctx, 2)?,
        ))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> String {
        let v = pack(text);
        let r: ValueRef<'_> = (&v).into();
        unpack_ref(r).expect("unpacks")
    }

    #[test]
    fn identifiers_round_trip_exactly() {
        for text in [
            "",
            "0",
            "123",
            "1234",
            "0000",
            "00001234",
            "4200000000000000000000000001",
            "PD00000000000000000001",
            "1900012301",
            "2019091622001458860515315453@2019-09-16 12:00:01",
            "99999999999999999999999999999999999999",
            "123456789012345678901234567890123456789012345",
            "退款单号 0001234",
            "ab-12",
            "M1",
        ] {
            assert_eq!(round(text), text, "{text}");
        }
    }

    #[test]
    fn long_numbers_shrink_and_packing_is_canonical() {
        let Value::Blob(b) = pack("4200000000000000000000000001") else {
            panic!("a 28-digit number packs")
        };
        assert_eq!(b.len(), 13);
        let Value::Blob(b) = pack("PD00000000000000000001") else {
            panic!("packs")
        };
        assert_eq!(b.len(), 12);
        assert_ne!(pack("0001234"), pack("001234"));
        assert_eq!(pack("ab"), Value::Text("ab".into()));
    }

    #[test]
    fn key_forms() {
        let k = |key: &str, t: &str, o: &str| {
            let form = key_form(key, t, o);
            key_text((&form).into(), t, o).expect("reads")
        };
        assert_eq!(key_form("42/PD1", "42", "PD1"), Value::Null);
        assert_eq!(key_form("42", "42", "PD1"), Value::Integer(0));
        for (key, t, o) in [
            ("42/PD1", "42", "PD1"),
            ("42", "42", "PD1"),
            ("5000000000000001", "42", "PD1"),
            ("42@2027-03-08 10:00:00", "42", ""),
            ("42/PD1/x", "42", "PD1"),
            ("4/2/PD1", "4/2", "PD1"),
        ] {
            assert_eq!(k(key, t, o), key);
        }
        assert_ne!(
            key_hash("wechat_pay", false, "1"),
            key_hash("wechat_pay", true, "1")
        );
        let h = key_hash("alipay", true, "x");
        assert!(h + SLOTS - 1 < 1 << 47 && h % SLOTS == 0);
    }
}
