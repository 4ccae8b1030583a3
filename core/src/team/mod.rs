//! The mall group on a team database (issue 21, points 4 and 5): its plazas, who may use which
//! ([`plaza`]), the same campaign compared across them ([`compare`]), and moving a desktop's
//! database up into a plaza ([`push`]) and a plaza down into a read-only file ([`pull`]).
//!
//! The plazas are enforced by the server itself (postgres/0017_plazas.sql: row-level security
//! from `mall_grant`); this module chooses, lists, adds and grants them, and says in words what
//! the server refused.

pub mod compare;
pub mod plaza;
pub mod pull;
pub mod push;
mod tables;
#[cfg(test)]
mod tests;

pub use compare::{compare_plazas, PlazaColumn, PlazaComparison, WalletFigures};
pub use plaza::{add_plaza, grant_plaza, plazas, use_plaza, use_plaza_named, Plaza};
pub use pull::{pull, PullSummary};
pub use push::{push, PushSummary};
pub use tables::TableCheck;

use crate::text::Localized;

/// Errors of plazas and of moving data up and down.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("plazas exist only on a team database; this is the local database file")]
    NotTeam,
    #[error("there is no plaza named '{0}' among the plazas you may use")]
    NoSuchPlaza(String),
    #[error("no plaza of this team database is granted to {role}; ask the database's owner to grant you one")]
    NoPlazaGranted { role: String },
    #[error("{role} is a PostgreSQL superuser (or bypasses row security), so it would see every plaza's rows at once; connect as a staff role")]
    Bypasses { role: String },
    #[error("only the team database's owner or an approver may add plazas and grant them")]
    MayNotManage,
    #[error("a plaza named '{0}' already exists; choose another name")]
    NameTaken(String),
    #[error(
        "the plaza '{0}' already holds campaigns or trades; push into a new plaza or an empty one"
    )]
    NotEmpty(String),
    #[error("the copy does not match its source, so nothing was saved: {}", mismatches(.0))]
    Mismatch(Vec<TableCheck>),
    #[error("{0} already exists; choose a new file for the copy")]
    FileExists(String),
    #[error("cannot write {path}: {}", crate::text::io_reason(.source).0)]
    Unwritable {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<crate::Problem>),
    #[error("no campaign named '{0}' in any of your plazas")]
    NoSuchCampaign(String),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Sql(#[from] crate::sql::Error),
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
}

fn mismatches(checks: &[TableCheck]) -> String {
    checks
        .iter()
        .filter(|c| !c.equal())
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl TeamError {
    /// The fields a person must correct, for a form.
    pub fn problems(&self) -> &[crate::Problem] {
        match self {
            TeamError::Invalid(p) => p,
            _ => &[],
        }
    }

    /// Stable code the fronts branch on.
    pub fn code(&self) -> &'static str {
        match self {
            TeamError::NotTeam => "team.not_team",
            TeamError::NoSuchPlaza(_) => "team.no_such_plaza",
            TeamError::NoPlazaGranted { .. } => "team.no_plaza_granted",
            TeamError::Bypasses { .. } => "team.bypasses_plazas",
            TeamError::MayNotManage => "team.may_not_manage",
            TeamError::NameTaken(_) => "team.plaza_name_taken",
            TeamError::NotEmpty(_) => "team.plaza_not_empty",
            TeamError::Mismatch(_) => "team.copy_mismatch",
            TeamError::FileExists(_) => "team.file_exists",
            TeamError::NoSuchCampaign(_) => "team.no_such_campaign",
            TeamError::Invalid(_) => "team.invalid",
            TeamError::Unwritable { .. } => "team.unwritable",
            TeamError::Db(e) => e.code(),
            TeamError::Sql(e) => crate::fault::db_code(e),
            TeamError::Stats(e) => e.code(),
        }
    }

    /// The message in both languages.
    pub fn localized(&self) -> Localized {
        let zh = match self {
            TeamError::NotTeam => "只有团队数据库才有多个广场；这是本机的数据库文件".to_string(),
            TeamError::NoSuchPlaza(name) => format!("你可使用的广场中没有“{name}”"),
            TeamError::NoPlazaGranted { role } => {
                format!("这个团队数据库还没有给 {role} 授权任何广场；请联系数据库的管理者授权")
            }
            TeamError::Bypasses { role } => format!(
                "{role} 是数据库的超级用户（或可绕过行级安全），会同时看到所有广场的数据；请用员工账号连接"
            ),
            TeamError::MayNotManage => {
                "只有团队数据库的管理者或审批人可以添加广场和授权".to_string()
            }
            TeamError::NameTaken(name) => format!("已有名为“{name}”的广场；请换一个名称"),
            TeamError::NotEmpty(name) => format!(
                "广场“{name}”中已有活动或交易；请上传到新广场或空的广场"
            ),
            // The tables' own names mean nothing to the office; the English text lists them.
            TeamError::Mismatch(checks) => format!(
                "复制结果与原数据有 {} 处不一致，没有保存任何内容；请重试，如仍不一致请联系技术支持",
                checks.iter().filter(|c| !c.equal()).count()
            ),
            TeamError::FileExists(path) => format!("{path} 已存在；请为副本选择一个新文件"),
            TeamError::NoSuchCampaign(name) => format!("你的各广场中都没有名为“{name}”的活动"),
            TeamError::Invalid(p) => return crate::problem::join_localized(p),
            TeamError::Unwritable { path, source } => {
                format!("无法写入 {path}：{}", crate::text::io_reason(source).1)
            }
            TeamError::Db(e) => return e.localized(),
            TeamError::Sql(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
            TeamError::Stats(e) => return e.localized(),
        };
        Localized::new(self.to_string(), zh)
    }
}
