//! `promodesk campaign check|launch|project` and `promodesk as-of`.

use clap::Subcommand;
use promodesk_core::api::{Api, AsOfParams, CampaignRef, ProjectionParams};
use promodesk_core::launch::{Assumption, CheckStatus};
use promodesk_core::{Error, Lang};
use serde_json::json;

use crate::args::Json;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum LaunchCommand {
    /// The launch checklist: every item pass, warn or fail with what to fix.
    Check {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Draft → scheduled, only when no checklist item fails (recorded with your user name).
    Launch {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// What-if projection of the campaign's coupons. Rates apply to every provider; defaults
    /// (and the average ticket) come from last year's same festival when it has data.
    Project {
        id: i64,
        /// Percent of issued coupons claimed, 0–100 (30 = 30 %).
        #[arg(long)]
        take_up: Option<String>,
        /// Percent of claimed coupons redeemed, 0–100.
        #[arg(long)]
        redeem: Option<String>,
        /// Average ticket in yuan.
        #[arg(long)]
        ticket: Option<String>,
        #[command(flatten)]
        json: Json,
    },
}

impl LaunchCommand {
    pub fn label(&self) -> &'static str {
        match self {
            LaunchCommand::Check { .. } => "campaign check",
            LaunchCommand::Launch { .. } => "campaign launch",
            LaunchCommand::Project { .. } => "campaign project",
        }
    }
}

fn mark(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Pass => "pass",
        CheckStatus::Warn => "warn",
        CheckStatus::Fail => "FAIL",
    }
}

/// Returns false when the checklist is not ready (`check` exits 1 then, like a failed test).
pub fn run(api: &mut Api, command: &LaunchCommand, lang: Lang) -> Result<bool, Error> {
    match command {
        LaunchCommand::Check { id, json } => {
            let list = api.launch_check(CampaignRef { campaign: *id })?;
            let items: Vec<_> = list
                .items
                .iter()
                .map(|i| json!({"id": i.id, "status": i.status, "message": i.message.get(lang), "fix": i.fix}))
                .collect();
            Out::new(json.json).one(&json!({"ready": list.ready, "items": items}), |_| {
                let mut lines: Vec<String> = list
                    .items
                    .iter()
                    .map(|i| format!("{:<5} {:<24} {}", mark(i.status), i.id, i.message.get(lang)))
                    .collect();
                lines.push(
                    if list.ready {
                        "ready to launch"
                    } else {
                        "not ready"
                    }
                    .into(),
                );
                lines.join("\n")
            });
            Ok(list.ready)
        }
        LaunchCommand::Launch { id, json } => {
            let c = api.launch_campaign(CampaignRef { campaign: *id })?;
            Out::new(json.json).one(&c, |c| format!("campaign {} is {}", c.id, c.status.key()));
            Ok(true)
        }
        LaunchCommand::Project {
            id,
            take_up,
            redeem,
            ticket,
            json,
        } => {
            let assumptions: Vec<Assumption> = api
                .projection_defaults(CampaignRef { campaign: *id })?
                .into_iter()
                .map(|mut a| {
                    if let Some(t) = take_up {
                        a.take_up = t.clone();
                    }
                    if let Some(r) = redeem {
                        a.redeem = r.clone();
                    }
                    if let Some(t) = ticket {
                        a.average_ticket = t.clone();
                    }
                    a
                })
                .collect();
            let p = api.projection(ProjectionParams {
                campaign: *id,
                assumptions: assumptions.clone(),
            })?;
            Out::new(json.json).one(&json!({"assumptions": assumptions, "projection": p}), |_| {
                let mut lines: Vec<String> = p
                    .coupons
                    .iter()
                    .chain([&p.total])
                    .map(|l| {
                        format!(
                            "{:<20} redeemed {:>7}  GMV {:>12}  discount {:>10}  mall {:>10}  tenant {:>10}  fees {:>9}  net {:>12}",
                            l.label, l.redemptions, l.gmv, l.discount, l.mall, l.tenant, l.fees, l.net
                        )
                    })
                    .collect();
                lines.push(format!(
                    "budget {}  use {}",
                    p.budget,
                    p.budget_use.clone().unwrap_or_default()
                ));
                lines.join("\n")
            });
            Ok(true)
        }
    }
}

pub fn run_as_of(api: &mut Api, when: &str, json: bool) -> Result<(), Error> {
    let view = api.as_of(AsOfParams {
        when: when.to_string(),
    })?;
    Out::new(json).one(&view, |view| {
        let mut lines = vec![format!("as of {}", view.at)];
        for c in &view.campaigns {
            lines.push(format!("{:>4}  {:<10} {}", c.id, c.status.key(), c.name));
        }
        for c in &view.coupons {
            lines.push(format!(
                "      live coupon {} ({}) in {}",
                c.name,
                c.product.key(),
                c.campaign
            ));
        }
        lines.join("\n")
    });
    Ok(())
}
