//! Keeping the app and its data well: what a front shows before the first screen, the chosen
//! language, the demo, the start-up health check and backups.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, Failure, NoParams};
use crate::backup::{self, BackupInfo};
use crate::demo::{self, DemoSummary};
use crate::{settings, Error, Lang};

/// What the UI needs to know before it draws the first screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The database file, or the team database's URL without its password.
    pub db_path: String,
    /// The database is a team database (PostgreSQL).
    pub team: bool,
    /// Why the database could not be opened; the UI shows only this when set.
    pub open_error: Option<Failure>,
    /// The language chosen in Settings, if any.
    pub language: Option<Lang>,
    /// The language of the system locale, used until the user chooses.
    pub system_language: Lang,
    /// No stores and no campaigns yet: the UI offers the demo.
    pub empty: bool,
    /// The demo's own database (opened from Settings): every screen says so.
    pub demo: bool,
}

impl AppInfo {
    /// The answer when the database would not open: only the error and the system language.
    pub fn unopened(open_error: Failure, system_language: Lang) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            db_path: String::new(),
            team: false,
            open_error: Some(open_error),
            language: None,
            system_language,
            empty: false,
            demo: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LanguageSet {
    pub lang: Lang,
}

/// Loads the demo: into an empty database only, unless `force` replaces everything.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DemoLoad {
    #[serde(default)]
    pub force: bool,
}

/// What the start-up check found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Health {
    /// SQLite's integrity-check findings; empty when the database is sound.
    pub problems: Vec<String>,
    /// Backups to restore from, newest first.
    pub backups: Vec<BackupInfo>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupRestore {
    /// The backup's file name, as listed.
    pub file: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupSetKeep {
    pub count: i64,
}

impl Api<'_> {
    /// `system_language` is the front's reading of the operating system's locale.
    pub fn app_info(&mut self, system_language: Lang) -> Result<AppInfo, Error> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            db_path: self.db.shown(),
            team: self.db.team().is_some(),
            open_error: None,
            language: settings::language(self.db).map_err(crate::db::DbError::from)?,
            system_language,
            empty: demo::is_empty(self.db)?,
            demo: demo::is_demo_database(self.db).map_err(crate::db::DbError::from)?,
        })
    }

    /// The language chosen in the app's Settings for this database, if any.
    pub fn chosen_language(&mut self) -> Result<Option<Lang>, Error> {
        Ok(settings::language(self.db).map_err(crate::db::DbError::from)?)
    }

    pub fn set_language(&mut self, p: LanguageSet) -> Result<(), Error> {
        settings::set_language(self.db, p.lang).map_err(crate::db::DbError::from)?;
        Ok(())
    }

    /// Loads the demo around today in the mall's zone.
    pub fn demo_load(&mut self, p: DemoLoad) -> Result<DemoSummary, Error> {
        let today = self.today()?;
        Ok(demo::load(self.db, today, p.force)?)
    }

    /// SQLite's integrity check and, only when the database is sound, the daily backup (a
    /// damaged file must never push a good backup out).
    pub fn db_health(&mut self, _: NoParams) -> Result<Health, Error> {
        let problems = backup::integrity_problems_of(self.db)?;
        if problems.is_empty() {
            backup::daily(self.db)?;
        }
        Ok(Health {
            problems,
            backups: backup::list(self.db)?,
        })
    }

    pub fn backup_list(&mut self, _: NoParams) -> Result<Vec<BackupInfo>, Error> {
        Ok(backup::list(self.db)?)
    }

    pub fn backup_create(&mut self, _: NoParams) -> Result<BackupInfo, Error> {
        Ok(backup::create(self.db, "manual")?)
    }

    pub fn backup_restore(&mut self, p: BackupRestore) -> Result<BackupInfo, Error> {
        let _busy =
            crate::db::begin_activity(self.db.path(), crate::db::ActivityKind::Restore, &p.file);
        Ok(backup::restore(self.db, &p.file)?)
    }

    /// How many backups are kept.
    pub fn backup_keep(&mut self, _: NoParams) -> Result<u32, Error> {
        Ok(backup::keep(self.db) as u32)
    }

    pub fn backup_set_keep(&mut self, p: BackupSetKeep) -> Result<(), Error> {
        Ok(backup::set_keep(self.db, p.count)?)
    }
}
