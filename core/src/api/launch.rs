//! Preview and launch: the launch checklist, the launch itself, what-if projections, and the
//! mall as it will stand at a chosen moment.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, CampaignRef};
use crate::campaign::Campaign;
use crate::launch::{self, AsOf, Assumption, Checklist, Projection};
use crate::Error;

/// A projection of a campaign under the given assumptions (one per provider).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProjectionParams {
    pub campaign: i64,
    pub assumptions: Vec<Assumption>,
}

/// A moment in the mall's zone, as typed (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM`).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AsOfParams {
    pub when: String,
}

impl Api<'_> {
    pub fn launch_check(&mut self, p: CampaignRef) -> Result<Checklist, Error> {
        self.refresh_statuses()?;
        let now = self.now().timestamp();
        Ok(launch::check(self.db, p.campaign, now)?)
    }

    /// Schedules the campaign when its checklist passes, recorded under the acting person.
    pub fn launch_campaign(&mut self, p: CampaignRef) -> Result<Campaign, Error> {
        self.apply_due_statuses()?;
        let now = self.now().timestamp();
        Ok(launch::launch(self.db, p.campaign, &self.actor, now)?)
    }

    pub fn projection_defaults(&mut self, p: CampaignRef) -> Result<Vec<Assumption>, Error> {
        Ok(launch::default_assumptions(self.db, p.campaign)?)
    }

    pub fn projection(&mut self, p: ProjectionParams) -> Result<Projection, Error> {
        Ok(launch::project(self.db, p.campaign, &p.assumptions)?)
    }

    pub fn as_of(&mut self, p: AsOfParams) -> Result<AsOf, Error> {
        Ok(launch::as_of(self.db, &p.when)?)
    }
}
