//! Fuzzing the bill readers with proptest (cargo-fuzz needs a nightly toolchain, which this
//! project's CI does not have): the WeChat and Alipay samples, every other bill layout in
//! fixtures/bills (SUCCESS, REFUND, the 2016 layout, the older Alipay footer, and the
//! look-alikes that must be refused), a generic CSV and an XLSX export
//! through a mapping, and Alipay's ZIP, each mutated — bytes flipped, cut, spliced — and fed to
//! `import_file`. Every input must end in Ok or a typed error, never a panic, and a refused file
//! must leave the database without a batch. `make test` runs a short round (64 cases per reader);
//! `make fuzz` runs `PROMODESK_FUZZ_CASES` (default 20,000 per reader, over 10 minutes in all).
//! A crash found becomes a named regression test in `bad.rs`.

use proptest::prelude::*;

use super::*;

fn cases() -> u32 {
    std::env::var("PROMODESK_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64)
}

/// A mutation: byte edits, an optional cut, an optional spliced chunk.
type Mutation = (Vec<(usize, u8)>, Option<usize>, Option<(usize, Vec<u8>)>);

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..12),
        proptest::option::of(any::<usize>()),
        proptest::option::of((
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 0..64),
        )),
    )
}

fn mutate(seed: &[u8], (edits, cut, splice): &Mutation) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    if bytes.is_empty() {
        return bytes;
    }
    for (at, b) in edits {
        let i = at % bytes.len();
        bytes[i] = *b;
    }
    if let Some((at, chunk)) = splice {
        let i = at % (bytes.len() + 1);
        bytes.splice(i..i, chunk.iter().copied());
    }
    if let Some(len) = cut {
        bytes.truncate(len % (bytes.len() + 1));
    }
    bytes
}

/// Imports `bytes` as `name` and checks the outcome is whole: a batch with all its rows, or none.
fn import_never_panics(bytes: &[u8], name: &str, options: &ImportOptions, db: &mut Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, name, bytes);
    let before = batch_count(db);
    match import_file(db, &path, options, &mut |_| true) {
        Ok(report) => {
            let rows: i64 = db
                .conn()
                .query_row(
                    "SELECT COUNT(*) FROM trade WHERE batch_id = ?1",
                    [report.batch_id],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(rows as u64 >= report.inserted);
        }
        Err(_) => assert_eq!(batch_count(db), before, "a refused file left a batch"),
    }
}

fn generic_db() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    save_mapping(
        &mut db,
        &Mapping {
            name: "POS".into(),
            provider: "unionpay".into(),
            columns: MappingColumns {
                time: "交易时间".into(),
                trade_no: "流水号".into(),
                amount: "金额".into(),
                fee: "手续费".into(),
                merchant_id: "商户编号".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();
    db
}

fn mapped() -> ImportOptions {
    ImportOptions {
        mapping: Some("POS".into()),
        ..Default::default()
    }
}

const POS_CSV: &str = "流水号,交易时间,金额,手续费,商户编号\nP001,2027-03-07 10:00:00,300.00,1.65,U1\nP002,2027-03-07 11:00:00,-300.00,-1.65,U1\nP003,2027-03-08 12:30:00,88.80,0.49,U2\n";

fn pos_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in POS_CSV.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The seeds beside the two samples: each layout's reader and each refusal gets mutated input.
const LAYOUTS: &[&str] = &[
    "wechatpay-tradebill-day-ALL.csv",
    "wechatpay-tradebill-day-SUCCESS.csv",
    "wechatpay-tradebill-day-REFUND.csv",
    "wechatpay-provider-2016.csv",
    "alipay-trade-detail-older-footer-gbk.csv",
    "alipay-ledger-gbk.csv",
    "wechat-personal-export.csv",
    "alipay-personal-2017-gbk.csv",
    "alipay-personal-2027-gbk.csv",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_wechat_bills_never_panic(m in mutation()) {
        let seed = std::fs::read(fixture("wechatpay-tradebill-ALL.csv")).unwrap();
        import_never_panics(&mutate(&seed, &m), "wechat.csv", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
    }

    #[test]
    fn mutated_alipay_bills_never_panic(m in mutation()) {
        let seed = std::fs::read(fixture("alipay-trade-detail-gbk.csv")).unwrap();
        import_never_panics(&mutate(&seed, &m), "alipay.csv", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
    }

    #[test]
    fn mutated_other_layouts_and_look_alikes_never_panic(seed in 0..LAYOUTS.len(), m in mutation()) {
        let seed = std::fs::read(fixture(LAYOUTS[seed])).unwrap();
        import_never_panics(&mutate(&seed, &m), "bill.csv", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
    }

    #[test]
    fn mutated_alipay_zips_never_panic(m in mutation()) {
        let detail = std::fs::read(fixture("alipay-trade-detail-gbk.csv")).unwrap();
        let seed = raw_zip(&[("20190916_业务明细.csv".as_bytes(), &detail)]);
        import_never_panics(&mutate(&seed, &m), "alipay.zip", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
    }

    #[test]
    fn mutated_generic_csv_never_panics(m in mutation()) {
        import_never_panics(&mutate(POS_CSV.as_bytes(), &m), "pos.csv", &mapped(), &mut generic_db());
    }

    #[test]
    fn mutated_xlsx_never_panics(m in mutation()) {
        import_never_panics(&mutate(&pos_xlsx(), &m), "pos.xlsx", &mapped(), &mut generic_db());
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        import_never_panics(&bytes, "random.csv", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
        import_never_panics(&bytes, "random.zip", &ImportOptions::default(), &mut Db::open_in_memory().unwrap());
    }
}
