//! People on a team database: who am I, my name, a campaign's history, and the approver's
//! sign-off of its launch checklist.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, CampaignRef, NoParams};
use crate::launch::{self, SignoffState};
use crate::people::{self, HistoryEntry, Me};
use crate::Error;

/// The name the connected person goes by.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NameSet {
    pub name: String,
}

impl Api<'_> {
    /// Who is connected: login role (or user), chosen name, PromoDesk roles.
    pub fn people_me(&mut self, _: NoParams) -> Result<Me, Error> {
        Ok(people::me(self.db)?)
    }

    /// Sets the connected person's name (asked at the first connect to a team database).
    pub fn people_set_name(&mut self, p: NameSet) -> Result<Me, Error> {
        let now = self.now().timestamp();
        Ok(people::set_my_name(self.db, &p.name, now)?)
    }

    /// Every change to the campaign, its coupons, stores, status and sign-offs, newest first.
    pub fn campaign_history(&mut self, p: CampaignRef) -> Result<Vec<HistoryEntry>, Error> {
        crate::campaign::get(self.db, p.campaign)?;
        Ok(people::campaign_history(self.db, p.campaign).map_err(crate::db::DbError::from)?)
    }

    /// Whether the campaign's checklist is signed off as it stands, by whom, what changed since.
    pub fn launch_signoff_state(&mut self, p: CampaignRef) -> Result<SignoffState, Error> {
        self.refresh_statuses()?;
        let now = self.now().timestamp();
        Ok(launch::signoff_state(self.db, p.campaign, now)?)
    }

    /// The approver signs the campaign's launch checklist as it stands now.
    pub fn launch_sign_off(&mut self, p: CampaignRef) -> Result<SignoffState, Error> {
        self.apply_due_statuses()?;
        let now = self.now().timestamp();
        Ok(launch::sign(self.db, p.campaign, &self.actor, now)?)
    }
}
