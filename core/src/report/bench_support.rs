//! The baseline of `make bench-export`: rust_xlsxwriter writing the campaign's trade cells with
//! nothing else — the same window query, raw values, constant memory, no formats, no summary
//! sheets, no charts. Public only for the benchmark.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

use super::ReportError;
use crate::db::Db;
use crate::stats::{Scope, Source, Window};

pub fn bare_xlsx(db: &Db, campaign: i64, path: &Path) -> Result<(), ReportError> {
    let window = Window::resolve(
        db,
        &Scope {
            campaign: Some(campaign),
            ..Default::default()
        },
    )?;
    let (clause, values) = window.clause(Source::Trades);
    let sql = format!(
        "SELECT t.occurred_at, t.provider, t.kind, t.trade_no, t.merchant_order_no, t.merchant_id,
                t.order_fen, t.settlement_fen, t.coupon_fen, t.coupon_name, t.refund_fen, t.fee_e5
         FROM trade_with_store t WHERE {clause} ORDER BY t.occurred_at, t.id"
    );
    let mut workbook = Workbook::new();
    let mut ws = workbook.add_worksheet_with_constant_memory()?;
    let mut stmt = db.conn().prepare(&sql)?;
    let mut rows = stmt.query(crate::sql::params_from_iter(values))?;
    let mut row = 0u32;
    while let Some(r) = rows.next()? {
        // A new sheet at Excel's row limit, as the report does.
        if row + 1 >= 1_048_576 {
            ws = workbook.add_worksheet_with_constant_memory()?;
            row = 0;
        }
        row += 1;
        ws.write_number(row, 0, r.get::<_, i64>(0)? as f64)?;
        for col in [1u16, 2, 3, 4, 5, 9] {
            ws.write_string(row, col, r.get::<_, String>(usize::from(col))?)?;
        }
        for col in [6u16, 7, 8, 10] {
            let fen = Decimal::new(r.get(usize::from(col))?, 2);
            ws.write_number(row, col, fen.to_f64().unwrap_or(0.0))?;
        }
        let fee = Decimal::new(r.get(11)?, 5);
        ws.write_number(row, 11, fee.to_f64().unwrap_or(0.0))?;
    }
    workbook.save(path)?;
    Ok(())
}
