//! Campaigns: a promotion the mall runs for a time, on some stores (or the whole mall), with a
//! budget — "3.8 女神节 2027" is one.
//!
//! Start and end are typed and shown in the mall's zone and stored as UTC seconds; the end is
//! inclusive, so an end given as a date covers that whole local day.

mod budget;
mod elsewhere;
mod lifecycle;
mod planning;
mod repo;
mod status;
mod validate;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use budget::{
    budget_plan, set_provider_budgets, set_provider_budgets_at, BudgetPlan, ProviderBudget,
};
pub(crate) use elsewhere::{state_json, stores as store_names};
pub use lifecycle::{refresh_statuses, refresh_statuses_if_free, ClockMove, CLOCK};
pub(crate) use planning::free_name;
pub use planning::{clone_to_year, conflicts, conflicts_of, draft_for_festival, Conflict};
pub(crate) use repo::lifecycle_move;
pub use repo::{add, edit, edit_at, get, history, list, remove, set_status};
pub use status::CampaignStatus;
pub use validate::{MAX_CAMPAIGN_NAME, MAX_DESCRIPTION};

use crate::problem::{join_localized, Problem};
use crate::text::Localized;

/// A campaign as the fronts see it: times in the mall's zone, money as a decimal string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    /// Plain text; never rendered as HTML.
    pub description: String,
    /// A festival id from the catalog, e.g. `womens-day`.
    pub festival: Option<String>,
    /// First second, RFC 3339 in the mall's zone.
    pub start: String,
    /// Last second (inclusive), RFC 3339 in the mall's zone.
    pub end: String,
    pub status: CampaignStatus,
    /// CNY, two decimals.
    #[ts(type = "string")]
    pub budget: rust_decimal::Decimal,
    /// Target stores; empty means the whole mall.
    pub store_ids: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// Counts the changes to what its editor shows (this form, its stores, its budget split,
    /// its status): an editor saves with the revision it loaded, so a change someone else made
    /// in between is not overwritten unseen.
    pub revision: i64,
    /// Who made the change that gave it this revision: the acting person as recorded, "" when
    /// unknown.
    pub changed_by: String,
}

/// A campaign as typed in a form or on the command line. Text fields stay text until core has
/// read them, so a refusal can quote exactly what the user typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct CampaignInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub festival: Option<String>,
    /// `YYYY-MM-DD` (start of day), `YYYY-MM-DD HH:MM[:SS]` in the mall's zone, or RFC 3339.
    pub start: String,
    /// `YYYY-MM-DD` (through the end of that day), a local date-time, or RFC 3339.
    pub end: String,
    /// Yuan, e.g. `50000` or `1234.50`.
    pub budget: String,
    #[serde(default)]
    pub store_ids: Vec<i64>,
}

/// A change to a campaign; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, TS)]
pub struct CampaignPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    /// `Some("")` removes the festival tag.
    pub festival: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub budget: Option<String>,
    pub store_ids: Option<Vec<i64>>,
}

/// Which campaigns to list.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, TS)]
pub struct CampaignFilter {
    pub status: Option<CampaignStatus>,
    pub festival: Option<String>,
    /// Only campaigns running on or after this local date (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only campaigns running on or before this local date (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Case-insensitive text found in the name or description.
    pub search: Option<String>,
}

/// One entry of a campaign's status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusChange {
    pub from: Option<CampaignStatus>,
    pub to: CampaignStatus,
    /// RFC 3339 in the mall's zone.
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// Errors of campaigns.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("campaign {0} does not exist; it may have been removed — reload the campaign list")]
    NotFound(i64),
    #[error("campaign {id} cannot go from {} to {}; from {} it can go to: {}", .from.key(), .to.key(), .from.key(), allowed(*.from))]
    IllegalTransition {
        id: i64,
        from: CampaignStatus,
        to: CampaignStatus,
    },
    #[error("status '{0}' is unknown; use draft, scheduled, live, paused, ended or cancelled")]
    UnknownStatus(String),
    #[error("campaign {0} is live; pause or end it before removing it")]
    RemoveLive(i64),
    #[error("the launch check could not run: {0}")]
    Launch(String),
    /// The launch refused for a reason of its own (no valid sign-off), in its own words.
    #[error("{}", .message.en)]
    LaunchRefused {
        code: &'static str,
        message: Localized,
    },
    #[error("campaign {id} cannot launch yet: {}", .failing.join("; "))]
    NotReady {
        id: i64,
        failing: Vec<String>,
        failing_zh: Vec<String>,
    },
    #[error("{}", crate::db::revision::refused(&campaign_named(.name), &crate::db::revision::who(.by, *.yours), *.yours, .changes).en)]
    ChangedElsewhere {
        id: i64,
        name: String,
        /// The current revision: a save that means to overwrite sends this one.
        revision: i64,
        by: String,
        /// `by` is the one saving now, elsewhere (another window, the CLI).
        yours: bool,
        /// One per field that changed, in the user's words.
        changes: Vec<Problem>,
    },
    #[error("{0} does not exist in the mall's time zone (a daylight-saving gap); move the campaign by hand")]
    NonexistentLocalTime(String),
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

/// "campaign “3.8 女神节”" in both languages.
fn campaign_named(name: &str) -> Localized {
    Localized::new(format!("campaign “{name}”"), format!("活动“{name}”"))
}

fn allowed(from: CampaignStatus) -> String {
    let next = from.next();
    if next.is_empty() {
        "nothing (it is final)".into()
    } else {
        next.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ")
    }
}

impl CampaignError {
    pub fn code(&self) -> &'static str {
        match self {
            CampaignError::Invalid(_) => "campaign.invalid",
            CampaignError::NotFound(_) => "campaign.not_found",
            CampaignError::IllegalTransition { .. } => "campaign.illegal_transition",
            CampaignError::RemoveLive(_) => "campaign.remove_live",
            CampaignError::NotReady { .. } => "launch.not_ready",
            CampaignError::Launch(_) => "launch.failed",
            CampaignError::LaunchRefused { code, .. } => code,
            CampaignError::UnknownStatus(_) => "campaign.unknown_status",
            CampaignError::NonexistentLocalTime(_) => "campaign.nonexistent_local_time",
            CampaignError::ChangedElsewhere { .. } => "campaign.changed_elsewhere",
            CampaignError::Calendar(e) => e.code(),
            CampaignError::Mall(e) => e.code(),
            CampaignError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let en = self.to_string();
        match self {
            CampaignError::Invalid(problems) => join_localized(problems),
            CampaignError::NotFound(id) => Localized::new(en, format!("活动 {id} 不存在")),
            CampaignError::IllegalTransition { id, from, to } => {
                let next: Vec<_> = from.next().iter().map(|s| s.name().zh).collect();
                let next = if next.is_empty() {
                    "无（已是最终状态）".to_string()
                } else {
                    next.join("、")
                };
                Localized::new(
                    en,
                    format!(
                        "活动 {id} 不能从“{}”变为“{}”；当前可变为：{next}",
                        from.name().zh,
                        to.name().zh
                    ),
                )
            }
            CampaignError::RemoveLive(id) => {
                Localized::new(en, format!("活动 {id} 正在进行中；请先暂停或结束再删除"))
            }
            CampaignError::Launch(e) => Localized::new(en, format!("上线检查无法完成：{e}")),
            CampaignError::LaunchRefused { message, .. } => message.clone(),
            CampaignError::NotReady { id, failing_zh, .. } => Localized::new(
                en,
                format!("活动 {id} 还不能上线：{}", failing_zh.join("；")),
            ),
            CampaignError::UnknownStatus(s) => Localized::new(
                en,
                format!(
                    "状态“{s}”无法识别；可用：{}",
                    CampaignStatus::ALL.map(|s| s.name().zh).join("、")
                ),
            ),
            CampaignError::NonexistentLocalTime(t) => Localized::new(
                en,
                format!("{t} 在商场时区中不存在（夏令时跳过的时间）；请手动调整活动时间"),
            ),
            CampaignError::ChangedElsewhere {
                name,
                by,
                yours,
                changes,
                ..
            } => crate::db::revision::refused(
                &campaign_named(name),
                &crate::db::revision::who(by, *yours),
                *yours,
                changes,
            ),
            CampaignError::Calendar(e) => e.localized(),
            CampaignError::Mall(e) => e.localized(),
            CampaignError::Db(e) => {
                Localized::new(en, crate::fault::db_message(e, crate::text::Lang::ZhCn))
            }
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            CampaignError::Invalid(p) => p,
            CampaignError::ChangedElsewhere { changes, .. } => changes,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod planning_tests;

impl Campaign {
    /// Whether the instant falls inside the campaign, both ends included.
    pub fn covers(&self, at: chrono::DateTime<chrono::Utc>) -> bool {
        let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).map(|t| t.timestamp());
        match (parse(&self.start), parse(&self.end)) {
            (Ok(start), Ok(end)) => (start..=end).contains(&at.timestamp()),
            _ => false,
        }
    }
}

/// Reads a status key typed by a person.
pub fn parse_status(text: &str) -> Result<CampaignStatus, CampaignError> {
    text.parse()
        .map_err(|_| CampaignError::UnknownStatus(text.trim().to_string()))
}
