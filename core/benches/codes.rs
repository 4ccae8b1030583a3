//! Generating a pool of 1,000,000 coupon codes into a database file, against drawing the same
//! number of codes into a `HashSet` in memory (the baseline: the random draws and the
//! duplicate check without SQLite). A second pool of 1,000,000 beside the first shows the
//! cost of the UNIQUE index once it holds a million codes. Prints `codes name seconds`.
//! Run through `make bench-codes` (or `make bench`).

use std::collections::HashSet;
use std::time::Instant;

use promodesk_core::campaign::{self, CampaignInput};
use promodesk_core::codes::{self, alphabet, GenerateSpec};
use promodesk_core::coupon::{self, CouponSpec, Product};
use promodesk_core::Db;

const COUNT: u32 = 1_000_000;

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
    for name in ["A", "B"] {
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

    let t = Instant::now();
    let mut rng = rand::rng();
    let mut set = HashSet::with_capacity(COUNT as usize);
    while set.len() < COUNT as usize {
        set.insert(alphabet::new_code(&mut rng, "", 11));
    }
    let baseline = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let first = codes::generate(&mut db, coupons[0], &spec, false).unwrap();
    let ours = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let second = codes::generate(&mut db, coupons[1], &spec, false).unwrap();
    let beside = t.elapsed().as_secs_f64();

    let mut all: HashSet<String> = codes::pool_codes(&db, coupons[0])
        .unwrap()
        .into_iter()
        .collect();
    all.extend(codes::pool_codes(&db, coupons[1]).unwrap());
    assert_eq!(
        (first.codes, second.codes, all.len()),
        (1_000_000, 1_000_000, 2_000_000)
    );
    println!("codes generate_1M {ours:.2}");
    println!("codes in_memory_1M {baseline:.2}");
    println!("codes second_pool_1M {beside:.2}");
    println!("2,000,000 codes in two pools, all different");
}
