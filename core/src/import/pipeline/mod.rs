//! The two halves of an import, on two threads: one reads the bill (decode, parse, check, total,
//! match stores, attribute coupons, pack identifiers — everything but SQLite), the other
//! writes what it hands over into the one transaction. A million-row bill spends about as long
//! in each half, so on two cores the import takes the time of the slower one instead of both.
//!
//! Rows cross in batches whose text lives in one buffer (no allocation per row). The writer
//! stops the reader by dropping its end of the channel (a failed insert, a cancel); the reader
//! stops the writer by closing its end, and its error (a bad line) wins.

use std::collections::HashMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use crate::sql::types::{ToSqlOutput, ValueRef};
use crate::sql::{params_from_iter, Transaction};

mod team;

use super::write::{Kind, Row};
use super::ImportError;
use crate::db::derive::{Matcher, StoreLimited, TradeFacts};
use crate::db::{lean, rollup};

/// Rows per batch: big enough that the channel costs nothing, small enough to stay in cache.
const BATCH: usize = 2048;
/// Batches in flight: the reader may run this far ahead of the writer.
const IN_FLIGHT: usize = 8;

/// A stored value's place in a batch's buffer.
#[derive(Clone, Copy)]
enum Slot {
    Null,
    Zero,
    Text(u32, u32),
    Blob(u32, u32),
}

/// One row as `trade_row` stores it, with what the writer needs besides.
struct Lean {
    provider: i64,
    refund: bool,
    hash: i64,
    key: Slot,
    /// The whole key, to tell hash collisions apart.
    key_text: (u32, u32),
    trade_no: Slot,
    order_no: Slot,
    occurred_at: i64,
    amounts: [i64; 7],
    coupon_name: (u32, u32),
    coupon: Option<i64>,
    line: i64,
    /// Index into the reader's merchant names, for the rollup.
    merchant_idx: u32,
    used: bool,
    /// A payment whose store can decide its coupon (`StoreLimited`).
    limited: bool,
}

#[derive(Default)]
struct Batch {
    rows: Vec<Lean>,
    bytes: Vec<u8>,
    /// Merchant ids first named in this batch, in the order of their index: the writer keeps
    /// each one's `merchant_ref` number.
    new_merchants: Vec<String>,
}

impl Batch {
    fn text(&mut self, text: &str) -> (u32, u32) {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(text.as_bytes());
        (start, text.len() as u32)
    }

    fn packed(&mut self, text: &str) -> Slot {
        let start = self.bytes.len();
        let blob = lean::pack_into(text, &mut self.bytes);
        let len = (self.bytes.len() - start) as u32;
        if blob {
            Slot::Blob(start as u32, len)
        } else {
            Slot::Text(start as u32, len)
        }
    }

    fn str(&self, (start, len): (u32, u32)) -> &str {
        // Only ever holds whole `&str`s copied in by `text`.
        std::str::from_utf8(&self.bytes[start as usize..(start + len) as usize]).unwrap_or("")
    }

    fn value(&self, slot: Slot) -> ToSqlOutput<'_> {
        let range = |s: u32, l: u32| &self.bytes[s as usize..(s + l) as usize];
        ToSqlOutput::Borrowed(match slot {
            Slot::Null => ValueRef::Null,
            Slot::Zero => ValueRef::Integer(0),
            Slot::Text(s, l) => ValueRef::Text(range(s, l)),
            Slot::Blob(s, l) => ValueRef::Blob(range(s, l)),
        })
    }
}

/// Sums over a file's rows (the reader's half of the report).
#[derive(Default)]
pub(super) struct Counts {
    pub rows: u64,
    pub payments: u64,
    pub refunds: u64,
    pub order: i64,
    pub settlement: i64,
    pub coupon: i64,
    pub refund: i64,
    pub fee_e5: i64,
}

/// A rollup row's key while importing: (hour, provider, refund, merchant index, coupon, used).
type SumKey = (i64, i64, bool, u32, Option<i64>, bool);
type SumMap = HashMap<SumKey, rollup::Sums, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

impl Lean {
    /// The rollup row this trade adds to, and what it adds: count, order, settlement, coupon,
    /// provider and merchant discount, refund, fee.
    fn sums(&self) -> (SumKey, rollup::Sums) {
        let a = &self.amounts;
        let key = (
            rollup::hour_of(self.occurred_at),
            self.provider,
            self.refund,
            self.merchant_idx,
            self.coupon,
            self.used,
        );
        (key, [1, a[0], a[0] - a[1], a[2], a[3], a[4], a[5], a[6]])
    }
}

fn add(map: &mut SumMap, (key, sums): (SumKey, rollup::Sums), sign: i64) {
    let slot = map.entry(key).or_default();
    for (s, v) in slot.iter_mut().zip(sums) {
        *s += sign * v;
    }
}

/// What the reader found: its result, sums and the merchants it named.
pub(super) struct Read<T> {
    pub parsed: T,
    pub counts: Counts,
    merchants: Vec<String>,
    /// Every row's rollup sums (the writer takes out the rows it did not insert).
    sums: SumMap,
}

/// The reader's side: turns rows into batches for the writer.
pub(super) struct Reader<'a> {
    matcher: &'a Matcher,
    /// The file's provider, known once its format is (`start`).
    provider: &'static str,
    provider_code: i64,
    out: SyncSender<Batch>,
    batch: Batch,
    counts: Counts,
    merchant_idx: HashMap<String, u32>,
    merchants: Vec<String>,
    sums: SumMap,
}

impl<'a> Reader<'a> {
    /// Says whose trades the rows are, before the first.
    pub fn start(&mut self, provider: &str) -> Result<(), ImportError> {
        self.provider_code = lean::provider_code(provider).ok_or_else(|| {
            ImportError::Invalid(vec![crate::problem::Problem::new(
                "provider",
                "import.unknown_provider",
                format!("unknown provider {provider}"),
                format!("未知的支付渠道 {provider}"),
            )])
        })?;
        self.provider = lean::PROVIDERS[self.provider_code as usize];
        Ok(())
    }

    /// Takes one parsed row; fails (as a cancel) when the writer has stopped.
    pub fn row(&mut self, row: &Row) -> Result<(), ImportError> {
        let c = &mut self.counts;
        c.rows += 1;
        match row.kind {
            Kind::Payment => {
                c.payments += 1;
                c.order += row.order_fen;
                c.settlement += row.settlement_fen;
                c.coupon += row.coupon_fen;
            }
            Kind::Refund => {
                c.refunds += 1;
                c.refund += row.refund_fen;
            }
        }
        c.fee_e5 += row.fee_e5;
        let payment = row.kind == Kind::Payment;
        let store = self.matcher.store(self.provider, &row.merchant_id);
        let coupon = self.matcher.coupon(
            &TradeFacts {
                provider: self.provider,
                payment,
                occurred_at: row.occurred_at,
                coupon_fen: row.coupon_fen,
                coupon_name: &row.coupon_name,
            },
            store,
        );
        let used = row.coupon_fen != 0 || !row.coupon_name.is_empty();
        let merchant_idx = match self.merchant_idx.get(row.merchant_id.as_str()) {
            Some(i) => *i,
            None => {
                let i = self.merchants.len() as u32;
                self.merchants.push(row.merchant_id.clone());
                self.merchant_idx.insert(row.merchant_id.clone(), i);
                self.batch.new_merchants.push(row.merchant_id.clone());
                i
            }
        };
        let b = &mut self.batch;
        let key = match lean::key_marker(&row.key, &row.trade_no, &row.merchant_order_no) {
            Some(Some(_)) => Slot::Zero,
            Some(None) => Slot::Null,
            None => b.packed(&row.key),
        };
        let lean = Lean {
            provider: self.provider_code,
            refund: !payment,
            hash: lean::key_hash(self.provider, !payment, &row.key),
            key,
            key_text: b.text(&row.key),
            trade_no: b.packed(&row.trade_no),
            order_no: b.packed(&row.merchant_order_no),
            occurred_at: row.occurred_at,
            amounts: [
                row.order_fen,
                row.order_fen - row.settlement_fen,
                row.coupon_fen,
                row.provider_discount_fen,
                row.merchant_discount_fen,
                row.refund_fen,
                row.fee_e5,
            ],
            coupon_name: b.text(&row.coupon_name),
            coupon,
            line: row.line as i64,
            merchant_idx,
            used,
            limited: payment
                && used
                && !row.merchant_id.is_empty()
                && self
                    .matcher
                    .store_limited_at(self.provider, row.occurred_at),
        };
        add(&mut self.sums, lean.sums(), 1);
        b.rows.push(lean);
        if b.rows.len() == BATCH {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), ImportError> {
        let full = std::mem::replace(
            &mut self.batch,
            Batch {
                rows: Vec::with_capacity(BATCH),
                bytes: Vec::with_capacity(BATCH * 96),
                new_merchants: Vec::new(),
            },
        );
        self.out.send(full).map_err(|_| ImportError::Cancelled)
    }

    /// Hands over the last rows and what was read.
    pub fn finish<T>(mut self, parsed: T) -> Result<Read<T>, ImportError> {
        if !self.batch.rows.is_empty() {
            self.send()?;
        }
        Ok(Read {
            parsed,
            counts: self.counts,
            merchants: self.merchants,
            sums: self.sums,
        })
    }
}

/// Runs `read` (the bill's reader, given a [`Reader`] to `start` and feed) on a second thread
/// while this one inserts its rows into batch `batch`. Returns what the reader returned and how
/// many rows were new. `progress` gets the rows written so far and returns false to cancel.
pub(super) fn run<'a, T: Send>(
    tx: &Transaction<'_>,
    batch: i64,
    matcher: &'a Matcher,
    progress: &mut dyn FnMut(u64) -> bool,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, ImportError> + Send,
) -> Result<(Read<T>, u64), ImportError> {
    let (out, batches) = sync_channel::<Batch>(IN_FLIGHT);
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut reader = Reader {
                matcher,
                provider: "",
                provider_code: 0,
                out,
                batch: Batch::default(),
                counts: Counts::default(),
                merchant_idx: HashMap::new(),
                merchants: Vec::new(),
                sums: SumMap::default(),
            };
            let parsed = read(&mut reader)?;
            reader.finish(parsed)
        });
        let written = if tx.is_postgres() {
            team::write(tx, batch, batches, progress)
        } else {
            write(tx, batch, batches, progress)
        };
        let read = match reader.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // A failed write stopped the reader (which then says "cancelled"): the write's error
        // is the one that happened.
        let written = written?;
        let mut read = read?;
        written.finish(tx, &mut read)?;
        Ok((read, written.inserted))
    })
}

/// The writer's tally: new rows, the rows it skipped and store-limited payments.
struct Written {
    inserted: u64,
    /// The rollup sums of rows already stored (the reader counted every row).
    skipped: SumMap,
    /// (provider, merchant index, trade id).
    limited: Vec<(i64, u32, i64)>,
}

const INSERT: &str = "INTO trade_row (batch_id, provider, refund, key_hash, key, trade_no,
    merchant_order_no, occurred_at, merchant_ref, order_fen, settle_less, coupon_fen,
    provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5, coupon_name, coupon_id, line)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

fn write(
    tx: &Transaction<'_>,
    batch: i64,
    batches: Receiver<Batch>,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Written, ImportError> {
    // A new key's first slot is free: one seek of the unique index inserts it. Only when it is
    // taken are the key's slots read (`lean::key_hash`).
    let mut insert_new = tx.prepare(&format!("INSERT OR IGNORE {INSERT}"))?;
    let mut insert = tx.prepare(&format!("INSERT {INSERT}"))?;
    let placeholders = crate::sql::values_list(CHUNK, 19);
    let columns = &INSERT[..INSERT.find("VALUES").unwrap_or(INSERT.len())];
    let mut insert_chunk = tx.prepare(&format!("INSERT {columns} VALUES {placeholders}"))?;
    let mut slots = tx.prepare(
        "SELECT key_hash, provider, refund, key, trade_no, merchant_order_no FROM trade_row
         WHERE key_hash BETWEEN ?1 AND ?1 + 7",
    )?;
    let mut w = Written {
        inserted: 0,
        skipped: SumMap::default(),
        limited: Vec::new(),
    };
    let mut rows = 0u64;
    // The `merchant_ref` number of each merchant index.
    let mut refs: Vec<i64> = Vec::new();
    for b in batches {
        for name in &b.new_merchants {
            refs.push(lean::merchant_ref(tx, name)?);
        }
        // Most rows are new: CHUNK of them go in with one statement, which fails whole (and
        // writes nothing) when one of them is not; then they go one by one.
        let mut chunks = b.rows.chunks_exact(CHUNK);
        for chunk in chunks.by_ref() {
            let all = chunk
                .iter()
                .flat_map(|r| values(&b, &refs, batch, r, r.hash));
            match insert_chunk.execute(params_from_iter(all)) {
                Ok(_) => {
                    let last = tx.last_insert_rowid()?;
                    w.inserted += CHUNK as u64;
                    for (r, id) in chunk.iter().zip(last - CHUNK as i64 + 1..) {
                        if r.limited {
                            w.limited.push((r.provider, r.merchant_idx, id));
                        }
                    }
                }
                Err(e)
                    if e.sqlite_error_code()
                        == Some(crate::sql::ErrorCode::ConstraintViolation) =>
                {
                    for r in chunk {
                        one(
                            tx,
                            &mut w,
                            &mut insert_new,
                            &mut insert,
                            &mut slots,
                            &b,
                            &refs,
                            batch,
                            r,
                        )?;
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        for r in chunks.remainder() {
            one(
                tx,
                &mut w,
                &mut insert_new,
                &mut insert,
                &mut slots,
                &b,
                &refs,
                batch,
                r,
            )?;
        }
        rows += b.rows.len() as u64;
        if !progress(rows) {
            return Err(ImportError::Cancelled);
        }
    }
    Ok(w)
}

/// Rows per multi-row INSERT.
const CHUNK: usize = 32;

/// A row's values in `trade_row`'s column order, with `hash` as its key's slot.
fn values<'b>(
    b: &'b Batch,
    refs: &[i64],
    batch: i64,
    r: &Lean,
    hash: i64,
) -> [ToSqlOutput<'b>; 19] {
    let a = &r.amounts;
    [
        ToSqlOutput::from(batch),
        ToSqlOutput::from(r.provider),
        ToSqlOutput::from(r.refund),
        ToSqlOutput::from(hash),
        b.value(r.key),
        b.value(r.trade_no),
        b.value(r.order_no),
        ToSqlOutput::from(r.occurred_at),
        ToSqlOutput::from(refs[r.merchant_idx as usize]),
        ToSqlOutput::from(a[0]),
        ToSqlOutput::from(a[1]),
        ToSqlOutput::from(a[2]),
        ToSqlOutput::from(a[3]),
        ToSqlOutput::from(a[4]),
        ToSqlOutput::from(a[5]),
        ToSqlOutput::from(a[6]),
        ToSqlOutput::Borrowed(ValueRef::Text(b.str(r.coupon_name).as_bytes())),
        r.coupon
            .map_or(ToSqlOutput::Borrowed(ValueRef::Null), ToSqlOutput::from),
        ToSqlOutput::from(r.line),
    ]
}

/// One row: inserted in its key's first free slot unless its key is stored.
#[allow(clippy::too_many_arguments)]
fn one(
    tx: &Transaction<'_>,
    w: &mut Written,
    insert_new: &mut crate::sql::Statement<'_>,
    insert: &mut crate::sql::Statement<'_>,
    slots: &mut crate::sql::Statement<'_>,
    b: &Batch,
    refs: &[i64],
    batch: i64,
    r: &Lean,
) -> Result<(), ImportError> {
    let new = insert_new.execute(params_from_iter(values(b, refs, batch, r, r.hash)))? == 1
        || match free_slot(slots, b, r)? {
            Some(hash) => insert.execute(params_from_iter(values(b, refs, batch, r, hash)))? == 1,
            None => false,
        };
    if !new {
        add(&mut w.skipped, r.sums(), 1);
        return Ok(());
    }
    w.inserted += 1;
    if r.limited {
        w.limited
            .push((r.provider, r.merchant_idx, tx.last_insert_rowid()?));
    }
    Ok(())
}

/// For a row whose key's first slot is taken: `None` when a trade with its provider, kind and
/// key is stored (by this batch or before), else the first free slot.
fn free_slot(
    slots: &mut crate::sql::Statement<'_>,
    b: &Batch,
    r: &Lean,
) -> Result<Option<i64>, ImportError> {
    let mut taken = Vec::new();
    let mut found = slots.query([r.hash])?;
    while let Some(c) = found.next()? {
        taken.push(c.get::<_, i64>(0)?);
        if c.get::<_, i64>(1)? != r.provider || c.get::<_, bool>(2)? != r.refund {
            continue;
        }
        let text = |i: usize| -> crate::sql::Result<String> {
            let v = c.get_ref(i)?;
            lean::unpack_ref(v).ok_or_else(|| {
                crate::sql::Error::InvalidColumnType(i, "identifier".into(), v.data_type())
            })
        };
        let (trade_no, order_no) = (text(4)?, text(5)?);
        if lean::key_text(c.get_ref(3)?, &trade_no, &order_no).as_deref() == Some(b.str(r.key_text))
        {
            return Ok(None);
        }
    }
    (r.hash..r.hash + lean::SLOTS)
        .find(|h| !taken.contains(h))
        .map(Some)
        .ok_or_else(|| {
            ImportError::Db(crate::sql::Error::SqliteFailure(
                crate::sql::ffi::Error::new(crate::sql::ffi::SQLITE_CONSTRAINT),
                Some("eight trade keys share one hash".into()),
            ))
        })
}

impl Written {
    /// Adds the new rows to the hourly rollup (by differences: the hours may hold earlier
    /// trades) and lists the store-limited payments.
    fn finish<T>(&self, tx: &Transaction<'_>, read: &mut Read<T>) -> crate::sql::Result<()> {
        let provider = |code: i64| lean::PROVIDERS[code as usize];
        for (key, sums) in &self.skipped {
            add(&mut read.sums, (*key, *sums), -1);
        }
        let merchants = &read.merchants;
        let deltas: HashMap<rollup::Key, rollup::Sums> = read
            .sums
            .iter()
            .filter(|(_, s)| s[0] != 0)
            .map(|(&(hour, code, refund, merchant, coupon, used), s)| {
                let key = rollup::Key {
                    hour,
                    provider: provider(code).to_string(),
                    kind: if refund { "refund" } else { "payment" }.to_string(),
                    merchant: merchants[merchant as usize].clone(),
                    coupon,
                    used,
                };
                (key, *s)
            })
            .collect();
        rollup::add(tx, &deltas)?;
        let mut limited = StoreLimited::default();
        for &(code, merchant, id) in &self.limited {
            limited.push(provider(code), &merchants[merchant as usize], id);
        }
        limited.write(tx)
    }
}
