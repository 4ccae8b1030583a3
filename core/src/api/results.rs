//! Results: the statistics screens and the campaign report, previewed and exported.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, CampaignRef};
use crate::report::{self, ExportSummary, Report, ReportFormat};
use crate::stats::{self, CampaignCost, Group, GroupBy, Kpis, Scope, Uplift};
use crate::{Error, Lang};

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatsKpis {
    pub scope: Scope,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatsGrouped {
    pub scope: Scope,
    pub by: GroupBy,
}

/// A campaign's report in one language.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportPreview {
    pub campaign: i64,
    pub lang: Lang,
}

/// Writes a campaign's report to `path`, which is replaced only by a complete file.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportExport {
    pub campaign: i64,
    pub format: ReportFormat,
    pub path: String,
    pub lang: Lang,
}

impl Api<'_> {
    pub fn stats_kpis(&mut self, p: StatsKpis) -> Result<Kpis, Error> {
        Ok(stats::kpis(self.db, &p.scope)?)
    }

    pub fn stats_grouped(&mut self, p: StatsGrouped) -> Result<Vec<Group>, Error> {
        Ok(stats::grouped(self.db, &p.scope, p.by)?)
    }

    pub fn stats_campaign_cost(&mut self, p: CampaignRef) -> Result<CampaignCost, Error> {
        Ok(stats::campaign_cost(self.db, p.campaign)?)
    }

    pub fn stats_uplift(&mut self, p: CampaignRef) -> Result<Uplift, Error> {
        Ok(stats::uplift(self.db, p.campaign)?)
    }

    pub fn report_preview(&mut self, p: ReportPreview) -> Result<Report, Error> {
        let now = self.now().timestamp();
        Ok(report::build(self.db, p.campaign, p.lang, now)?)
    }

    /// `progress` hears how many trade rows are written and cancels (nothing is written) by
    /// returning false.
    pub fn report_export(
        &mut self,
        p: ReportExport,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<ExportSummary, Error> {
        Ok(report::export(
            self.db,
            p.campaign,
            p.format,
            p.lang,
            Path::new(&p.path),
            progress,
        )?)
    }
}
