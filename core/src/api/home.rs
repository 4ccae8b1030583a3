//! The home screen (工作台), its desktop notifications, and the demo in a database of its own.

use serde::Serialize;
use ts_rs::TS;

use super::{Api, NoParams};
use crate::overview::{self, HomeOverview, Notice};
use crate::Error;

/// Where the demo database is, for the front to open it in a window of its own.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DemoDatabase {
    pub path: String,
}

impl Api<'_> {
    /// What needs attention today: live campaigns, deadlines, launch checks, unmatched
    /// merchant ids and the last campaign's results.
    pub fn home_overview(&mut self, _: NoParams) -> Result<HomeOverview, Error> {
        self.refresh_statuses()?;
        let now = self.now().timestamp();
        Ok(overview::build(self.db, now)?)
    }

    /// The deadlines falling today that no notification announced yet, recorded as announced
    /// in the same step: what the app shows as desktop notifications, each once. Empty while
    /// another write runs (the app's clock asks again 30 seconds later).
    pub fn take_due_notices(&mut self) -> Result<Vec<Notice>, Error> {
        self.refresh_statuses()?;
        let now = self.now().timestamp();
        let today = self.today()?.to_string();
        let deadlines = overview::deadlines(self.db, now)?;
        Ok(overview::notify::take_due(self.db, &deadlines, &today)
            .map_err(crate::db::DbError::from)?
            .unwrap_or_default())
    }

    /// Makes (or finds) the demo database beside this one — never this one — loaded with the
    /// demo when new. On the demo database itself, answers its own path.
    pub fn demo_database(&mut self, _: NoParams) -> Result<DemoDatabase, Error> {
        let is_demo = crate::demo::is_demo_database(self.db).map_err(crate::db::DbError::from)?;
        let path = if is_demo {
            self.db.path().to_path_buf()
        } else {
            let today = self.today()?;
            crate::demo::open_database(self.db.path(), today)?
        };
        Ok(DemoDatabase {
            path: path.display().to_string(),
        })
    }
}
