//! Before launch: the checklist a campaign must pass to go from draft to scheduled, the launch
//! itself, what-if projections ([`project`]) and the as-of view ([`as_of`]).
//!
//! Every rule that depends on the day you launch lives here, not in coupon validation: a draft can
//! be saved months ahead, but WeChat takes 代金券 only up to 365 days ahead and Alipay publishes a
//! template at most 15 days ahead.

use crate::sql::params;
use serde::Serialize;
use ts_rs::TS;

use crate::campaign::{self, Campaign, CampaignStatus};
use crate::db::Db;
use crate::text::{Lang, Localized};

mod as_of;
mod checks;
mod projection;
mod signoff;
mod windows;

pub use as_of::{as_of, AsOf, AsOfCampaign, LiveCoupon};
pub use projection::{default_assumptions, project, Assumption, Projection, ProjectionLine};
pub use signoff::{checklist_sha256, sign, state as signoff_state, Signoff, SignoffState};
pub use windows::{provider_windows, ProviderWindow};

/// Alipay publishes a voucher template at most this many days before it starts.
pub const ALIPAY_PUBLISH_DAYS_AHEAD: i64 = 15;
/// WeChat Pay takes a 代金券 stock whose start is at most this many days ahead.
pub const WECHAT_CASH_DAYS_AHEAD: i64 = 365;

/// Outcome of one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Warn,
    Fail,
}

/// Where the fix is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FixAt {
    Campaign,
    Coupons,
    Stores,
    Settings,
    Calendar,
}

/// One line of the checklist. `id` is stable (`coupons.valid`, `dates.future`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckItem {
    pub id: String,
    pub status: CheckStatus,
    pub message: Localized,
    pub fix: FixAt,
    /// The campaign the fix opens when it is another one (the campaign this one overlaps);
    /// none means the checked campaign itself.
    pub campaign: Option<i64>,
}

/// The checklist of a campaign: ready when nothing fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Checklist {
    pub ready: bool,
    pub items: Vec<CheckItem>,
}

/// Errors of launching.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("campaign {id} cannot launch yet: {}", .failing.join("; "))]
    NotReady {
        id: i64,
        failing: Vec<String>,
        failing_zh: Vec<String>,
    },
    #[error("campaign {id} cannot be scheduled yet: an approver has not signed off its launch checklist")]
    NotSignedOff { id: i64 },
    #[error("campaign {id} cannot be scheduled: {by} signed off its launch checklist on {at}, but it changed since{}", changes_en(.changes))]
    SignoffVoid {
        id: i64,
        by: String,
        at: String,
        changes: Vec<Localized>,
    },
    #[error("the {} must be a percent between 0 and 100, e.g. 30", .0.0)]
    BadRate((&'static str, &'static str)),
    #[error("average ticket '{0}' is not an amount in yuan")]
    BadTicket(String),
    #[error("'{0}' is not a time; use YYYY-MM-DD HH:MM")]
    BadTime(String),
    #[error(transparent)]
    Campaign(#[from] crate::campaign::CampaignError),
    #[error(transparent)]
    Coupon(#[from] crate::coupon::CouponError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Provider(#[from] crate::provider::ProviderError),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl LaunchError {
    pub fn code(&self) -> &'static str {
        match self {
            LaunchError::NotReady { .. } => "launch.not_ready",
            LaunchError::NotSignedOff { .. } => "launch.not_signed_off",
            LaunchError::SignoffVoid { .. } => "launch.signoff_void",
            LaunchError::BadRate(_) => "launch.bad_rate",
            LaunchError::BadTicket(_) => "launch.bad_ticket",
            LaunchError::BadTime(_) => "launch.bad_time",
            LaunchError::Campaign(e) => e.code(),
            LaunchError::Coupon(e) => e.code(),
            LaunchError::Store(e) => e.code(),
            LaunchError::Provider(e) => e.code(),
            LaunchError::Mall(e) => e.code(),
            LaunchError::Stats(e) => e.code(),
            LaunchError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            LaunchError::NotReady { id, failing_zh, .. } => {
                format!("活动 {id} 还不能上线：{}", failing_zh.join("；"))
            }
            LaunchError::NotSignedOff { id } => {
                format!("活动 {id} 还不能排期：审批人尚未签署它的上线检查")
            }
            LaunchError::SignoffVoid {
                id,
                by,
                at,
                changes,
            } => {
                let since = if changes.is_empty() {
                    String::new()
                } else {
                    let list: Vec<&str> = changes.iter().map(|c| c.zh.as_str()).collect();
                    format!("：{}", list.join("；"))
                };
                format!("活动 {id} 不能排期：{by} 于 {at} 签署了上线检查，但此后有改动{since}。请审批人重新签署")
            }
            LaunchError::BadRate((_, what)) => format!("{what}须为 0 到 100 之间的百分数，例如 30"),
            LaunchError::BadTicket(v) => format!("客单价“{v}”不是金额"),
            LaunchError::BadTime(v) => format!("“{v}”不是时间；请使用 YYYY-MM-DD HH:MM"),
            LaunchError::Campaign(e) => return e.localized(),
            LaunchError::Coupon(e) => return e.localized(),
            LaunchError::Store(e) => return e.localized(),
            LaunchError::Provider(e) => return e.localized(),
            LaunchError::Mall(e) => return e.localized(),
            LaunchError::Stats(e) => return e.localized(),
            LaunchError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// The checklist of `campaign` if it were launched at `now` (seconds).
pub fn check(db: &Db, campaign: i64, now: i64) -> Result<Checklist, LaunchError> {
    let c = campaign::get(db, campaign)?;
    let items = checks::run(db, &c, now)?;
    Ok(Checklist {
        ready: items.iter().all(|i| i.status != CheckStatus::Fail),
        items,
    })
}

/// Launches a draft: draft → scheduled, only when nothing on the checklist fails. Recorded in the
/// status history with the time and `by` (the local user name).
pub fn launch(db: &mut Db, campaign: i64, by: &str, now: i64) -> Result<Campaign, LaunchError> {
    launch_with_reason(db, campaign, by, "", now)
}

/// [`launch`] with the user's own words for the history (empty: "launched: checklist passed").
pub fn launch_with_reason(
    db: &mut Db,
    campaign: i64,
    by: &str,
    reason: &str,
    now: i64,
) -> Result<Campaign, LaunchError> {
    let (hash, list) = signoff::current_hash(db, campaign, now)?;
    refuse_failing(campaign, &list)?;
    signoff::require(db, campaign, &hash)?;
    let reason = if reason.trim().is_empty() {
        "launched: checklist passed"
    } else {
        reason
    };
    // The hash goes with the move: on a team database the status trigger finds the sign-off by
    // it (launch/signoff.rs).
    db.write(|tx| {
        tx.execute(
            "UPDATE campaign SET checklist_sha256 = ?1 WHERE id = ?2",
            params![hash, campaign],
        )?;
        Ok::<_, LaunchError>(())
    })?;
    Ok(campaign::lifecycle_move(
        db,
        campaign,
        CampaignStatus::Scheduled,
        by,
        reason,
    )?)
}

/// `NotReady` naming the failing items, when any fails.
fn refuse_failing(campaign: i64, list: &Checklist) -> Result<(), LaunchError> {
    let failing: Vec<&CheckItem> = list
        .items
        .iter()
        .filter(|i| i.status == CheckStatus::Fail)
        .collect();
    if !failing.is_empty() {
        return Err(LaunchError::NotReady {
            id: campaign,
            failing: failing
                .iter()
                .map(|i| i.message.get(Lang::En).to_string())
                .collect(),
            failing_zh: failing
                .iter()
                .map(|i| i.message.get(Lang::ZhCn).to_string())
                .collect(),
        });
    }
    Ok(())
}

/// ": what changed; …" for the English message.
fn changes_en(changes: &[Localized]) -> String {
    if changes.is_empty() {
        return ". Ask an approver to sign it again".into();
    }
    let list: Vec<&str> = changes.iter().map(|c| c.en.as_str()).collect();
    format!(": {}. Ask an approver to sign it again", list.join("; "))
}

/// Coupons of a campaign with the columns the checks read.
struct CouponRow {
    id: i64,
    name: String,
    product: crate::coupon::Product,
    provider: crate::provider::Provider,
    valid_from: Option<i64>,
    store_ids: Vec<i64>,
    /// The provider's id once the coupon was created there (empty: not yet).
    provider_ref: String,
}

fn coupon_rows(db: &Db, campaign: i64) -> Result<Vec<CouponRow>, LaunchError> {
    let coupons = crate::coupon::list(db, Some(campaign))?;
    let mut stmt = db
        .conn()
        .prepare("SELECT valid_from FROM coupon WHERE id = ?1")?;
    let mut rows = Vec::new();
    for c in coupons {
        let valid_from = stmt.query_row(params![c.id], |r| r.get(0))?;
        rows.push(CouponRow {
            id: c.id,
            name: c.spec.name.clone(),
            product: c.product,
            provider: c.provider,
            valid_from,
            store_ids: c.spec.store_ids.clone(),
            provider_ref: c.spec.provider_ref.clone(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests;
