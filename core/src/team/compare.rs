//! The same campaign across the plazas of a group, side by side, for its marketing head: each
//! plaza's figures are that plaza's own statistics (the connection switches into the plaza,
//! reads the figures its statistics screen reads, and switches back), so a column never
//! differs from what the plaza's own staff see.

use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::plaza::{self, Plaza};
use super::TeamError;
use crate::db::Db;
use crate::provider::Provider;
use crate::stats::{self, GroupBy, GroupKey, Kpis, Scope};

/// One wallet's figures in one plaza.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WalletFigures {
    pub provider: Provider,
    /// 交易额: Σ order amount of payments.
    #[ts(type = "string")]
    pub order: Decimal,
    /// 核销: payments that used a coupon.
    pub redemptions: u64,
    /// 优惠金额: Σ coupon amount of payments.
    #[ts(type = "string")]
    pub coupon: Decimal,
}

/// One plaza's column.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlazaColumn {
    pub plaza: Plaza,
    /// The plaza's campaign matched (by name, else by festival and year); none when the plaza
    /// did not run it.
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    /// The campaign's statistics in this plaza, as its statistics screen shows them.
    pub total: Option<Kpis>,
    /// Per wallet, in the providers' order.
    pub wallets: Vec<WalletFigures>,
}

/// The comparison: one column per plaza this person may use.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlazaComparison {
    pub campaign: String,
    pub columns: Vec<PlazaColumn>,
}

/// A campaign as matching sees it.
struct Found {
    id: i64,
    name: String,
    festival: Option<String>,
    year: i32,
}

/// Compares the campaign named `campaign` across every plaza this person may use. A plaza
/// without a campaign of that name matches the one of the same festival and year, if the
/// named campaign is a festival's.
pub fn compare_plazas(db: &mut Db, campaign: &str) -> Result<PlazaComparison, TeamError> {
    let name = campaign.trim();
    let all = plaza::plazas(db)?;
    let back = all.iter().find(|p| p.current).map(|p| p.id);
    let outcome = columns(db, name, &all);
    // Back to where the person was, whatever happened in between.
    if let Some(id) = back {
        plaza::use_plaza(db, id)?;
    }
    let (columns, reference) = outcome?;
    if reference.is_none() {
        return Err(TeamError::NoSuchCampaign(name.to_string()));
    }
    Ok(PlazaComparison {
        campaign: name.to_string(),
        columns,
    })
}

type Columns = (Vec<PlazaColumn>, Option<(Option<String>, i32)>);

fn columns(db: &mut Db, name: &str, all: &[Plaza]) -> Result<Columns, TeamError> {
    // The named campaign's festival and year, from the first plaza that has it.
    let mut reference = None;
    for p in all {
        plaza::use_plaza(db, p.id)?;
        if let Some(f) = find(db, |f| f.name == name)? {
            reference = Some((f.festival, f.year));
            break;
        }
    }
    let mut out = Vec::new();
    for p in all {
        let plaza = plaza::use_plaza(db, p.id)?;
        let found = match find(db, |f| f.name == name)? {
            Some(f) => Some(f),
            None => match &reference {
                Some((Some(festival), year)) => find(db, |f| {
                    f.festival.as_ref() == Some(festival) && f.year == *year
                })?,
                _ => None,
            },
        };
        let Some(found) = found else {
            out.push(PlazaColumn {
                plaza,
                campaign_id: None,
                campaign_name: None,
                total: None,
                wallets: Vec::new(),
            });
            continue;
        };
        let scope = Scope {
            campaign: Some(found.id),
            ..Scope::default()
        };
        let total = stats::kpis(db, &scope)?;
        let wallets = stats::grouped(db, &scope, GroupBy::Provider)?
            .into_iter()
            .filter_map(|g| match g.key {
                GroupKey::Provider { provider } => Some(WalletFigures {
                    provider,
                    order: g.kpis.order,
                    redemptions: g.kpis.redemptions,
                    coupon: g.kpis.coupon,
                }),
                _ => None,
            })
            .collect();
        out.push(PlazaColumn {
            plaza,
            campaign_id: Some(found.id),
            campaign_name: Some(found.name),
            total: Some(total),
            wallets,
        });
    }
    Ok((out, reference))
}

/// The first campaign of the current plaza (by start) that `matches`.
fn find(db: &Db, matches: impl Fn(&Found) -> bool) -> Result<Option<Found>, TeamError> {
    let zone = crate::mall::get(db)
        .map_err(|e| match e {
            crate::mall::MallError::Db(e) => TeamError::Sql(e),
            crate::mall::MallError::Invalid(_) => TeamError::NoPlazaGranted {
                role: String::new(),
            },
        })?
        .zone();
    let mut statement = db
        .conn()
        .prepare("SELECT id, name, festival, starts_at FROM campaign ORDER BY starts_at, id")?;
    let rows = statement.query_map([], |r| {
        let starts: i64 = r.get(3)?;
        let year = chrono::DateTime::from_timestamp(starts, 0)
            .map(|t| chrono::Datelike::year(&t.with_timezone(&zone)))
            .unwrap_or_default();
        Ok(Found {
            id: r.get(0)?,
            name: r.get(1)?,
            festival: r.get(2)?,
            year,
        })
    })?;
    for row in rows {
        let found = row?;
        if matches(&found) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The comparison as CSV (UTF-8 with a BOM, as Excel opens it): a row per plaza and wallet,
/// with the plaza's total first.
pub fn write_csv(c: &PlazaComparison, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    writeln!(out, "广场,活动,钱包,交易额,核销,优惠金额")?;
    for col in &c.columns {
        let campaign = col.campaign_name.as_deref().unwrap_or("");
        if let Some(t) = &col.total {
            writeln!(
                out,
                "{},{},合计,{},{},{}",
                csv(&col.plaza.name),
                csv(campaign),
                t.order,
                t.redemptions,
                t.coupon
            )?;
        } else {
            writeln!(out, "{},,,,,", csv(&col.plaza.name))?;
        }
        for w in &col.wallets {
            writeln!(
                out,
                "{},{},{},{},{},{}",
                csv(&col.plaza.name),
                csv(campaign),
                w.provider.name().zh,
                w.order,
                w.redemptions,
                w.coupon
            )?;
        }
    }
    Ok(())
}

/// Writes the comparison as CSV to `path` (replaced only by a whole file).
pub fn export_csv(c: &PlazaComparison, path: &std::path::Path) -> Result<(), TeamError> {
    let mut bytes = Vec::new();
    write_csv(c, &mut bytes)
        .and_then(|()| std::fs::write(path, &bytes))
        .map_err(|source| TeamError::Unwritable {
            path: path.display().to_string(),
            source,
        })
}

fn csv(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
