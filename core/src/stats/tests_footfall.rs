//! Footfall import and conversion, and uplift against its baselines.

use std::path::PathBuf;

use super::*;
use crate::db::Db;

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn footfall_rows(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT COUNT(*) FROM footfall", [], |r| r.get(0))
        .unwrap()
}

/// Payments (100 fen each) at noon Shanghai on each `(day of March 2027, count)`.
fn payments(db: &mut Db, days: &[(u32, usize)]) {
    let zone = crate::mall::get(db).unwrap().zone();
    let mut rows = Vec::new();
    for &(day, n) in days {
        let noon = chrono::NaiveDate::from_ymd_opt(2027, 3, day)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let at = crate::time::local_to_utc(noon, zone).unwrap().timestamp();
        rows.extend((0..n).map(|i| (at + i as i64, 100)));
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO import_batch (file_name, format, sha256, imported_at, rows, payments, refunds, inserted,
                duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
             VALUES ('t', 'csv', '', 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)",
            [],
        )?;
        let batch = tx.last_insert_rowid()?;
        for (i, (at, fen)) in rows.iter().enumerate() {
            tx.execute(
                "INSERT INTO trade (batch_id, provider, kind, key, trade_no, occurred_at, order_fen, settlement_fen, line)
                 VALUES (?1, 'alipay', 'payment', ?2, ?2, ?3, ?4, ?4, 1)",
                crate::sql::params![batch, format!("{batch}-{i}"), at, fen],
            )?;
        }
        // Only the import inserts trades in the product; it marks the hours for the rollup.
        let hours: std::collections::BTreeSet<i64> = tx
            .prepare("SELECT DISTINCT occurred_at - occurred_at % 3600 FROM trade")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        crate::db::rollup::mark(tx, &hours)?;
        Ok::<_, crate::sql::Error>(())
    })
    .unwrap();
}

#[test]
fn footfall_imports_whole_and_again_changes_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let daily = file(
        &dir,
        "counts.csv",
        "\u{feff}日期,入口,客流\n2027-03-07,北门,1200\n2027-03-07,南门,800\n2027/03/08,北门,\"1,500\"\n",
    );
    let r = import_footfall(&mut db, &daily).unwrap();
    assert_eq!((r.rows, r.inserted, r.updated, r.unchanged), (3, 3, 0, 0));
    assert_eq!(r.first_day.as_deref(), Some("2027-03-07"));
    let again = import_footfall(&mut db, &daily).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 3));
    let days = list_footfall(&db, None, None).unwrap();
    assert_eq!(
        days,
        [
            FootfallDay {
                date: "2027-03-07".into(),
                visitors: 2000
            },
            FootfallDay {
                date: "2027-03-08".into(),
                visitors: 1500
            },
        ]
    );
    let corrected = file(
        &dir,
        "fix.csv",
        "date,entrance,visitors\n2027-03-08,北门,1600\n",
    );
    assert_eq!(import_footfall(&mut db, &corrected).unwrap().updated, 1);
    assert_eq!(list_footfall(&db, None, None).unwrap()[1].visitors, 1600);
}

#[test]
fn a_bad_row_refuses_the_whole_file_with_its_line_and_column() {
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = file(
        &dir,
        "bad.csv",
        "date,hour,visitors\n2027-03-07,10,100\n2027-03-07,11,-5\n",
    );
    let err = import_footfall(&mut db, &bad).unwrap_err();
    assert_eq!(err.code(), "footfall.bad_value");
    assert!(
        err.to_string().contains("line 3, column visitors: '-5'"),
        "{err}"
    );
    assert!(err.localized().zh.contains("第 3 行"));
    assert_eq!(footfall_rows(&db), 0, "nothing of the file was written");
    let hour = file(
        &dir,
        "hour.csv",
        "date,hour,visitors\n2027-03-07,25:00,100\n",
    );
    assert_eq!(
        import_footfall(&mut db, &hour).unwrap_err().code(),
        "footfall.bad_value"
    );
    let date = file(&dir, "date.csv", "date,visitors\n2027-02-30,100\n");
    assert!(import_footfall(&mut db, &date)
        .unwrap_err()
        .to_string()
        .contains("not a date"));
    let twice = file(
        &dir,
        "twice.csv",
        "date,visitors\n2027-03-07,1\n2027-03-07,2\n",
    );
    let err = import_footfall(&mut db, &twice).unwrap_err();
    assert!(
        err.to_string().contains("line 3 repeats") && err.to_string().contains("line 2"),
        "{err}"
    );
    let no_column = file(&dir, "cols.csv", "day,people\n2027-03-07,1\n");
    assert_eq!(
        import_footfall(&mut db, &no_column).unwrap_err().code(),
        "footfall.missing_column"
    );
    let empty = file(&dir, "empty.csv", "date,visitors\n");
    assert_eq!(
        import_footfall(&mut db, &empty).unwrap_err().code(),
        "footfall.empty"
    );
    assert_eq!(footfall_rows(&db), 0);
}

#[test]
fn hourly_counts_add_up_to_the_day_and_gbk_is_read() {
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = "日期,时段,客流\n2027-03-07,10:00-11:00,30\n2027-03-07,11:00-12:00,70\n";
    let path = dir.path().join("gbk.csv");
    std::fs::write(&path, encoding_rs::GBK.encode(text).0.as_ref()).unwrap();
    import_footfall(&mut db, &path).unwrap();
    assert_eq!(list_footfall(&db, None, None).unwrap()[0].visitors, 100);
}

#[test]
fn conversion_is_payments_over_visitors_per_day_and_overall() {
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    payments(&mut db, &[(7, 30), (8, 50), (9, 10)]);
    let counts = file(
        &dir,
        "c.csv",
        "date,visitors\n2027-03-07,1000\n2027-03-08,1000\n",
    );
    import_footfall(&mut db, &counts).unwrap();
    let scope = Scope {
        from: Some("2027-03-07".into()),
        to: Some("2027-03-09".into()),
        ..Default::default()
    };
    let days = grouped(&db, &scope, GroupBy::Day).unwrap();
    assert_eq!(
        days[0].kpis.conversion.map(|d| d.to_string()).as_deref(),
        Some("0.03")
    );
    assert_eq!(
        days[1].kpis.conversion.map(|d| d.to_string()).as_deref(),
        Some("0.05")
    );
    assert_eq!(days[2].kpis.visitors, None, "no count that day");
    let total = kpis(&db, &scope).unwrap();
    assert_eq!(total.trades, 90);
    assert_eq!(total.visitors, Some(2000));
    assert_eq!(
        total.conversion.map(|d| d.to_string()).as_deref(),
        Some("0.04"),
        "only the days with counts: 80 / 2000"
    );
    let window = Window::resolve(&db, &scope).unwrap();
    assert_eq!(
        kpis_and_days(&db, &window).unwrap(),
        (total, days),
        "the report's single grouping by day gives the same figures"
    );
}

fn campaign(db: &mut Db, start: &str, end: &str, festival: Option<&str>) -> i64 {
    crate::campaign::add(
        db,
        &crate::campaign::CampaignInput {
            name: "3.8".into(),
            start: start.into(),
            end: end.into(),
            festival: festival.map(str::to_string),
            budget: "1000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap()
    .id
}

#[test]
fn uplift_compares_with_the_days_before_the_campaign() {
    let mut db = Db::open_in_memory().unwrap();
    payments(&mut db, &[(5, 20), (6, 20), (7, 30), (8, 50)]);
    let id = campaign(&mut db, "2027-03-07", "2027-03-08", None);
    let u = uplift(&db, id).unwrap();
    assert_eq!(u.baseline, Baseline::Before);
    assert_eq!(
        (u.baseline_from.as_str(), u.baseline_to.as_str()),
        ("2027-03-05", "2027-03-06")
    );
    assert_eq!((u.campaign.trades, u.base.trades), (80, 40));
    assert_eq!(
        u.trades_change.map(|d| d.to_string()).as_deref(),
        Some("1"),
        "+100 %"
    );
    assert_eq!(u.order_change.map(|d| d.to_string()).as_deref(), Some("1"));
    assert_eq!(
        u.average_ticket_change.map(|d| d.to_string()).as_deref(),
        Some("0")
    );
}

#[test]
fn uplift_prefers_the_same_festival_last_year_when_it_has_data() {
    let mut db = Db::open_in_memory().unwrap();
    payments(&mut db, &[(7, 30), (8, 30)]);
    let id = campaign(&mut db, "2027-03-07", "2027-03-08", Some("womens-day"));
    assert_eq!(
        uplift(&db, id).unwrap().baseline,
        Baseline::Before,
        "no data last year"
    );
    // Last year's 3.8: 2026-03-07…08, 20 payments.
    let zone = crate::mall::get(&db).unwrap().zone();
    let at = crate::time::local_to_utc(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 7)
            .unwrap()
            .and_hms_opt(15, 0, 0)
            .unwrap(),
        zone,
    )
    .unwrap()
    .timestamp();
    db.write(|tx| {
        tx.execute_batch("INSERT INTO import_batch (file_name, format, sha256, imported_at, rows, payments, refunds, inserted,
                duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
             VALUES ('old', 'csv', '', 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)")?;
        for i in 0..20 {
            tx.execute(
                "INSERT INTO trade (batch_id, provider, kind, key, trade_no, occurred_at, order_fen, settlement_fen, line)
                 VALUES (last_insert_rowid() * 0 + (SELECT MAX(id) FROM import_batch), 'wechat_pay', 'payment', ?1, ?1, ?2, 100, 100, 1)",
                crate::sql::params![format!("old{i}"), at + i],
            )?;
        }
        // Only the import inserts trades in the product; it marks the hours for the rollup.
        let hours: std::collections::BTreeSet<i64> = tx
            .prepare("SELECT DISTINCT occurred_at - occurred_at % 3600 FROM trade")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        crate::db::rollup::mark(tx, &hours)?;
        Ok::<_, crate::sql::Error>(())
    })
    .unwrap();
    let u = uplift(&db, id).unwrap();
    assert_eq!(u.baseline, Baseline::LastYear);
    assert_eq!(
        (u.baseline_from.as_str(), u.baseline_to.as_str()),
        ("2026-03-07", "2026-03-08")
    );
    assert_eq!((u.campaign.trades, u.base.trades), (60, 20));
    assert_eq!(u.trades_change.map(|d| d.to_string()).as_deref(), Some("2"));
}
