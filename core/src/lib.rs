//! PromoDesk's core: the domain of a mall's payment-wallet promotions, their storage, and every
//! rule about them. The CLI and the desktop app are thin fronts over these functions; neither
//! computes a figure or writes a row on its own.
//!
//! One module per domain area, each with its own error enum carrying a stable `code()` for the
//! fronts and a `localized()` message in zh-CN and English for people.

pub mod api;
pub mod backup;
pub mod calendar;
pub mod campaign;
pub mod codes;
pub mod coupon;
pub mod db;
pub mod demo;
pub mod fault;
pub mod import;
pub mod launch;
pub mod mall;
pub mod money;
pub mod overview;
pub mod people;
pub mod print;
pub mod problem;
pub mod provider;
pub mod report;
pub mod settings;
pub mod sql;
pub mod stats;
pub mod store;
pub mod team;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod text;
pub mod time;

#[cfg(test)]
mod text_tests;

pub use db::Db;
pub use problem::Problem;
pub use text::{Lang, Localized};

/// Any error of core, for fronts that handle them all in one place.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Mall(#[from] mall::MallError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Campaign(#[from] campaign::CampaignError),
    #[error(transparent)]
    Provider(#[from] provider::ProviderError),
    #[error(transparent)]
    Demo(#[from] demo::DemoError),
    #[error(transparent)]
    Calendar(#[from] calendar::CalendarError),
    #[error(transparent)]
    Coupon(#[from] coupon::CouponError),
    #[error(transparent)]
    Codes(#[from] codes::CodesError),
    #[error(transparent)]
    Print(#[from] print::PrintError),
    #[error(transparent)]
    Import(#[from] import::ImportError),
    #[error(transparent)]
    Stats(#[from] stats::StatsError),
    #[error(transparent)]
    Footfall(#[from] stats::FootfallError),
    #[error(transparent)]
    Report(#[from] report::ReportError),
    #[error(transparent)]
    Launch(#[from] launch::LaunchError),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error(transparent)]
    Overview(#[from] overview::OverviewError),
    #[error(transparent)]
    People(#[from] people::PeopleError),
    #[error(transparent)]
    Team(#[from] team::TeamError),
}

impl Error {
    /// Stable code the fronts branch on, e.g. `campaign.invalid`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Db(e) => e.code(),
            Error::Mall(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Campaign(e) => e.code(),
            Error::Provider(e) => e.code(),
            Error::Demo(e) => e.code(),
            Error::Calendar(e) => e.code(),
            Error::Coupon(e) => e.code(),
            Error::Codes(e) => e.code(),
            Error::Print(e) => e.code(),
            Error::Import(e) => e.code(),
            Error::Stats(e) => e.code(),
            Error::Footfall(e) => e.code(),
            Error::Report(e) => e.code(),
            Error::Launch(e) => e.code(),
            Error::Backup(e) => e.code(),
            Error::Overview(e) => e.code(),
            Error::People(e) => e.code(),
            Error::Team(e) => e.code(),
        }
    }

    /// The message for people, in both languages.
    pub fn localized(&self) -> Localized {
        match self {
            Error::Db(e) => e.localized(),
            Error::Mall(e) => e.localized(),
            Error::Store(e) => e.localized(),
            Error::Campaign(e) => e.localized(),
            Error::Provider(e) => e.localized(),
            Error::Demo(e) => e.localized(),
            Error::Calendar(e) => e.localized(),
            Error::Coupon(e) => e.localized(),
            Error::Codes(e) => e.localized(),
            Error::Print(e) => e.localized(),
            Error::Import(e) => e.localized(),
            Error::Stats(e) => e.localized(),
            Error::Footfall(e) => e.localized(),
            Error::Report(e) => e.localized(),
            Error::Launch(e) => e.localized(),
            Error::Backup(e) => e.localized(),
            Error::Overview(e) => e.localized(),
            Error::People(e) => e.localized(),
            Error::Team(e) => e.localized(),
        }
    }

    /// The line of the file the error points at, when it is about one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Import(e) => e.line(),
            _ => None,
        }
    }

    /// Who saved first and the current revisions, when a save was overtaken by another.
    pub fn changed_elsewhere(&self) -> Option<api::ChangedElsewhere> {
        match self {
            Error::Campaign(campaign::CampaignError::ChangedElsewhere {
                id,
                revision,
                by,
                yours,
                ..
            }) => Some(api::ChangedElsewhere {
                by: db::revision::who(by, *yours),
                yours: *yours,
                revisions: vec![db::Revision {
                    id: *id,
                    revision: *revision,
                }],
            }),
            Error::Coupon(coupon::CouponError::ChangedElsewhere {
                revisions,
                by,
                yours,
                ..
            }) => Some(api::ChangedElsewhere {
                by: db::revision::who(by, *yours),
                yours: *yours,
                revisions: revisions.clone(),
            }),
            _ => None,
        }
    }

    /// Field-level problems, when the error is a refused input.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Mall(e) => e.problems(),
            Error::Store(e) => e.problems(),
            Error::Campaign(e) => e.problems(),
            Error::Provider(e) => e.problems(),
            Error::Coupon(e) => e.problems(),
            Error::Codes(e) => e.problems(),
            Error::Print(e) => e.problems(),
            Error::Import(e) => e.problems(),
            Error::Team(e) => e.problems(),
            _ => &[],
        }
    }
}

/// The local user's name, recorded with status changes.
pub fn local_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}
