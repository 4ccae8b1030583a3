//! The use cases: one function per action a user would name ("add a campaign", "import these
//! bills", "export the report"), each taking one params struct and returning one result type.
//!
//! The CLI and the desktop app call only these. Anything both fronts need — who is acting,
//! "now" and "today" in the mall's zone, bringing time-driven statuses up to date, the blank
//! coupon of a new offer, merging a patch onto what is stored — lives here once, so the same
//! action leaves the same rows whichever front started it.
//!
//! Params structs are what crosses IPC: they derive `Deserialize` + `TS`, refuse unknown
//! fields (a misspelt argument is an error, not a silently ignored value), and keep the
//! snake_case field names every other IPC type uses. The Tauri shell generates its command
//! list and the TypeScript client from [`crate::api`]'s functions (src-tauri/src/ipc.rs).

mod bills;
mod codes;
mod coupons;
mod database;
mod home;
mod launch;
mod planning;
mod plazas;
mod results;
mod team;
mod upkeep;

pub use bills::*;
pub use codes::*;
pub use coupons::*;
pub use database::*;
pub use home::*;
pub use launch::*;
pub use planning::*;
pub use plazas::*;
pub use results::*;
pub use team::*;
pub use upkeep::*;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Db, Error, Localized, Problem};

/// A session of use cases on one database, on behalf of one person.
pub struct Api<'a> {
    db: &'a mut Db,
    actor: String,
    now: fn() -> DateTime<Utc>,
    log: fn(&Failure) -> String,
}

impl<'a> Api<'a> {
    /// Acts as `actor` (the name the history records: the operating system's user on a
    /// desktop). The database records it as who changed each campaign and coupon it writes.
    pub fn new(db: &'a mut Db, actor: impl Into<String>) -> Api<'a> {
        let actor = actor.into();
        db.set_actor(&actor);
        Api {
            db,
            actor,
            now: Utc::now,
            log: |_| String::new(),
        }
    }

    /// Writes each failure of a batch (a refused file among several) to the front's log;
    /// `log` answers the entry's reference, which the failure then carries to the user.
    pub fn logging_failures(mut self, log: fn(&Failure) -> String) -> Api<'a> {
        self.log = log;
        self
    }

    fn failure(&self, err: impl Into<Error>) -> Failure {
        let mut failure = Failure::of(err);
        failure.id = (self.log)(&failure);
        failure
    }

    /// Acts as the operating system's user.
    pub fn local(db: &'a mut Db) -> Api<'a> {
        Api::new(db, crate::local_user())
    }

    /// The database, for fronts that need its path.
    pub fn db(&self) -> &Db {
        self.db
    }

    fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    /// Today's date in the mall's time zone — the only "today" either front uses.
    pub fn today(&self) -> Result<NaiveDate, Error> {
        let zone = crate::mall::get(self.db)?.zone();
        Ok(self.now().with_timezone(&zone).date_naive())
    }

    /// Applies the status changes the clock made due (a scheduled campaign went live, a live
    /// one ended) before anything that shows a campaign's status — without waiting: when
    /// another write is running, or on a read-only connection, the next write applies them.
    fn refresh_statuses(&mut self) -> Result<(), Error> {
        let now = self.now();
        match crate::campaign::refresh_statuses_if_free(self.db, now) {
            // On a team database a viewer or an importer may not write campaigns: the read
            // goes on, and the next read by someone who may applies the moves (each recorded
            // at the moment it was due).
            Err(crate::campaign::CampaignError::Db(e))
                if self.db.team().is_some()
                    && e.sqlite_error_code() == Some(crate::sql::ErrorCode::ReadOnly) =>
            {
                Ok(())
            }
            other => other.map(|_| ()).map_err(Error::from),
        }
    }

    /// Applies the status changes the clock made due when no other write is running; for a
    /// front's own clock, which must never queue behind an import.
    pub fn apply_due_statuses_if_free(&mut self) -> Result<(), Error> {
        self.refresh_statuses()
    }

    /// Applies the status changes the clock made due, waiting for a running write if need be:
    /// before a change that depends on the current status, and for the app's clock.
    pub fn apply_due_statuses(&mut self) -> Result<(), Error> {
        let now = self.now();
        crate::campaign::refresh_statuses(self.db, now)?;
        Ok(())
    }
}

/// The params of an action that needs none.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// The params of an action on one thing named by its id.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Id {
    pub id: i64,
}

/// The params of an action on one campaign.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignRef {
    pub campaign: i64,
}

/// An error as a front shows it: its stable code (what the UI branches on), its message in
/// both languages, the problems per field of a refused input (so a form shows each next to its
/// field), the line of the file it points at, and the reference of its entry in the front's
/// log — a user who reports "E20261126-093012-7" lets support find the exact entry. Also what
/// one failed item of a batch (a file among several) carries while the others go on.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Failure {
    pub code: String,
    pub message: Localized,
    pub problems: Vec<Problem>,
    pub line: Option<u64>,
    /// Empty where nothing is logged (the CLI prints the error itself).
    pub id: String,
    /// A save refused because someone else saved first (`*.changed_elsewhere`): who, and the
    /// current revisions — what "save anyway" sends, so it overwrites exactly the version the
    /// message described and no later one. The changes are the `problems`, one per field.
    /// Left out of every other failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub changed_elsewhere: Option<ChangedElsewhere>,
}

/// Who saved first, and the revisions their save left (see [`Failure::changed_elsewhere`]).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChangedElsewhere {
    pub by: Localized,
    /// It was the same person, in another window or from the command line.
    pub yours: bool,
    pub revisions: Vec<crate::db::Revision>,
}

impl Failure {
    pub fn of(err: impl Into<Error>) -> Failure {
        let err: Error = err.into();
        Failure {
            code: err.code().to_string(),
            message: err.localized(),
            problems: err.problems().to_vec(),
            line: err.line(),
            id: String::new(),
            changed_elsewhere: err.changed_elsewhere(),
        }
    }
}

#[cfg(test)]
mod edits_tests;
#[cfg(test)]
mod plazas_tests;
#[cfg(test)]
mod tests;
