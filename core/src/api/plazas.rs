//! The plazas of a mall group on a team database, the same campaign compared across them, and
//! moving a desktop's database up into a plaza or a plaza down into a read-only copy.
//!
//! On the embedded database there is one mall: the list has it, a switch to it is accepted, the
//! comparison has its one column, and adding, granting and pushing into it are refused with
//! `team.not_team`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, NoParams};
use crate::db::Location;
use crate::team::{self, Plaza, PlazaComparison, PullSummary, PushSummary};
use crate::{Db, Error};

/// A plaza, by its id from [`Api::plazas_list`].
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
    /// The plazas this person may use (the current one marked).
    pub fn plazas_list(&mut self, _: NoParams) -> Result<Vec<Plaza>, Error> {
        Ok(team::plazas(self.db)?)
    }

    /// Works in another plaza from now on (this connection; the app's readers switch too).
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
