//! The plazas of a mall group on a team database, the same campaign compared across them, and
//! moving a desktop's database up into a plaza or a plaza down into a read-only copy.
//!
//! On the embedded database there is one mall: the list has it, a switch to it is accepted, the
//! comparison has its one column, and adding, granting, pushing into it and choosing the plaza
//! the app opens in are refused with `team.not_team`.
//!
//! The app works in one plaza at a time and opens, next time, in the plaza last chosen on that
//! team database on this computer ([`Api::plaza_use`], [`Api::plaza_reopen`]); the name is kept
//! beside the remembered URL (`db::remember_plaza`), never a password.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::path::Path;

use super::{Api, NoParams};
use crate::db::{self, DbError, Location};
use crate::team::{self, Plaza, PlazaComparison, PullSummary, PushSummary, TeamError};
use crate::{Db, Error};

/// A plaza, by its id from [`Api::plaza_list`].
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlazaRef {
    pub plaza: i64,
}

/// A new plaza of the group.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlazaAdd {
    pub name: String,
    /// IANA zone; the group's plazas are usually all `Asia/Shanghai`.
    pub time_zone: String,
}

/// Lets a colleague's PostgreSQL login (or a group role) use a plaza.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlazaGrant {
    pub role: String,
    /// The plaza's name.
    pub plaza: String,
}

/// The campaign to compare across the plazas, by name.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlazaCompare {
    pub campaign: String,
}

/// Writes the comparison across plazas as CSV (UTF-8 with a BOM, as Excel opens it).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlazaCompareExport {
    pub campaign: String,
    /// The file to write, as chosen in the save dialog.
    pub path: String,
}

/// Copies this (local) database into the team database at `to` as a plaza.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TeamPush {
    /// The team database's URL; its password comes from the keyring as for `--db`.
    pub to: String,
    /// The plaza's name; the local mall's name when absent.
    #[serde(default)]
    pub plaza: Option<String>,
}

/// Writes the current plaza of this (team) database into a new local file, read-only.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TeamPull {
    pub to: String,
}

impl Api<'_> {
    /// The plazas this person may use (the current one marked); the local file's one mall.
    pub fn plaza_list(&mut self, _: NoParams) -> Result<Vec<Plaza>, Error> {
        Ok(team::plazas(self.db)?)
    }

    /// Works in another plaza of the team database from now on, and opens in it next time on
    /// this computer. The local file has no other plaza: `team.not_team`.
    pub fn plaza_use(&mut self, p: PlazaRef) -> Result<Plaza, Error> {
        self.plaza_use_remembering(p, db::remembered_file().as_deref())
    }

    pub(super) fn plaza_use_remembering(
        &mut self,
        p: PlazaRef,
        file: Option<&Path>,
    ) -> Result<Plaza, Error> {
        let Some(url) = self.db.team().map(|u| u.to_string()) else {
            return Err(TeamError::NotTeam.into());
        };
        let plaza = team::use_plaza(self.db, p.plaza)?;
        if let Some(file) = file {
            db::remember_plaza(file, &url, &plaza.name)
                .map_err(|e| DbError::Remember(e.to_string()))?;
        }
        Ok(plaza)
    }

    /// Goes into the plaza last chosen on this team database on this computer, when it is still
    /// granted; otherwise stays in the first this person may use (as on first connect). The
    /// plaza worked in either way; on the local file its one mall.
    pub fn plaza_reopen(&mut self) -> Result<Plaza, Error> {
        self.plaza_reopen_from(db::remembered_file().as_deref())
    }

    pub(super) fn plaza_reopen_from(&mut self, file: Option<&Path>) -> Result<Plaza, Error> {
        let url = self.db.team().map(|u| u.to_string());
        let chosen = url
            .zip(file)
            .and_then(|(url, f)| db::remembered_plaza(f, &url));
        if let Some(name) = chosen {
            match team::use_plaza_named(self.db, &name) {
                Ok(plaza) => return Ok(plaza),
                // No longer granted, or renamed: the first plaza, as on a first connect.
                Err(TeamError::NoSuchPlaza(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(team::plaza::current(self.db)?)
    }

    /// Works in another plaza from now on, this connection only and not remembered (the CLI's
    /// `--plaza`); the app switches with [`Api::plaza_use`].
    pub fn plaza_switch(&mut self, p: PlazaRef) -> Result<Plaza, Error> {
        Ok(team::use_plaza(self.db, p.plaza)?)
    }

    /// Adds a plaza to the group (the database's owner or an approver).
    pub fn plaza_add(&mut self, p: PlazaAdd) -> Result<Plaza, Error> {
        Ok(team::add_plaza(self.db, &p.name, &p.time_zone)?)
    }

    /// Grants a plaza to a colleague's login or a group role.
    pub fn plaza_grant(&mut self, p: PlazaGrant) -> Result<(), Error> {
        Ok(team::grant_plaza(self.db, &p.role, &p.plaza)?)
    }

    /// The campaign side by side in every plaza this person may use.
    pub fn stats_compare_plazas(&mut self, p: PlazaCompare) -> Result<PlazaComparison, Error> {
        Ok(team::compare_plazas(self.db, &p.campaign)?)
    }

    /// Writes the campaign's comparison across plazas as CSV to the chosen file; its path.
    pub fn stats_compare_plazas_export(&mut self, p: PlazaCompareExport) -> Result<String, Error> {
        let comparison = team::compare_plazas(self.db, &p.campaign)?;
        let path = Path::new(p.path.trim());
        team::compare::export_csv(&comparison, path)?;
        Ok(path.display().to_string())
    }

    /// Moves this database up into a team database as a plaza.
    pub fn team_push(&mut self, p: TeamPush) -> Result<PushSummary, Error> {
        let location = Location::resolve(Some(std::path::Path::new(p.to.trim())))?;
        if location.file().is_some() {
            return Err(crate::db::DbError::NotATeamUrl.into());
        }
        let mut target = Db::open_at(&location)?;
        Ok(team::push(self.db, &mut target, p.plaza.as_deref())?)
    }

    /// Writes the current plaza into a new read-only local file.
    pub fn team_pull(&mut self, p: TeamPull) -> Result<PullSummary, Error> {
        let now = self.now();
        Ok(team::pull(self.db, std::path::Path::new(&p.to), now)?)
    }
}
