//! Generating a pool of 1,000,000 coupon codes into a database file, against drawing the same
//! number of codes into a `HashSet` in memory (the baseline: the random draws and the
//! duplicate check without SQLite). Each run adds a pool beside the ones before, so the
//! UNIQUE index across pools grows as it does in a mall's database. Prints
//! `codes name median_s fastest-slowest_s`.
//! Run through `make bench-codes` (or `make bench`).

use std::collections::HashSet;
use std::time::Instant;

use promodesk_core::campaign::{self, CampaignInput};
use promodesk_core::codes::{self, alphabet, GenerateSpec};
use promodesk_core::coupon::{self, CouponSpec, Product};
use promodesk_core::Db;

const COUNT: u32 = 1_000_000;
/// Pools generated (and baseline draws): every figure is a median of this many runs.
const RUNS: usize = 3;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("codes.db")).unwrap();
    let c = campaign::add(
        &mut db,
        &CampaignInput {
            name: "bench".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "100000000".into(),
            ..Default::default()
        },
        "bench",
    )
    .unwrap();
    let mut coupons = Vec::new();
    for name in ["A", "B", "C"] {
        let mut spec = CouponSpec::blank("2027-03-06".into(), "2027-03-09".into());
        spec.name = name.into();
        spec.face_value = "10".into();
        spec.threshold = "100".into();
        spec.quantity = COUNT;
        coupons.push(
            coupon::add_offer(&mut db, c.id, &[Product::WechatMerchant], &spec).unwrap()[0].id,
        );
    }
    let spec = GenerateSpec {
        count: COUNT,
        prefix: String::new(),
        length: 12,
    };

    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        format!(
            "{:.2} {:.2}-{:.2}",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        )
    };
    let baseline: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let mut rng = rand::rng();
            let mut set = HashSet::with_capacity(COUNT as usize);
            while set.len() < COUNT as usize {
                set.insert(alphabet::new_code(&mut rng, "", 11));
            }
            t.elapsed().as_secs_f64()
        })
        .collect();
    // Each run a new pool beside the ones before: the UNIQUE index across pools grows.
    let ours: Vec<f64> = coupons
        .iter()
        .map(|&coupon| {
            let t = Instant::now();
            let pool = codes::generate(&mut db, coupon, &spec, false).unwrap();
            assert_eq!(pool.codes, u64::from(COUNT));
            t.elapsed().as_secs_f64()
        })
        .collect();
    let mut all: HashSet<String> = HashSet::new();
    for &coupon in &coupons {
        all.extend(codes::pool_codes(&db, coupon).unwrap());
    }
    assert_eq!(all.len(), RUNS * COUNT as usize);
    println!("codes generate_1M {}", median(ours));
    println!("codes in_memory_1M {}", median(baseline));
    println!(
        "{} codes in {RUNS} pools, all different",
        RUNS * COUNT as usize
    );
}
