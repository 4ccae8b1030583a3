//! `promodesk campaign check|launch|project` and `promodesk as-of`.

use clap::Subcommand;
use promodesk_core::launch::{self, Assumption, CheckStatus};
use promodesk_core::{Db, Error, Lang};
use serde_json::json;

use crate::args::Json;
use crate::output;

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
        /// Share of issued coupons claimed, 0–1.
        #[arg(long)]
        take_up: Option<String>,
        /// Share of claimed coupons redeemed, 0–1.
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
pub fn run(db: &mut Db, command: &LaunchCommand, lang: Lang) -> Result<bool, Error> {
    let now = promodesk_core::time::now_ts();
    match command {
        LaunchCommand::Check { id, json } => {
            let list = launch::check(db, *id, now)?;
            if json.json {
                let items: Vec<_> = list
                    .items
                    .iter()
                    .map(|i| json!({"id": i.id, "status": i.status, "message": i.message.get(lang), "fix": i.fix}))
                    .collect();
                output::json(&json!({"ready": list.ready, "items": items}));
            } else {
                for i in &list.items {
                    println!("{:<5} {:<24} {}", mark(i.status), i.id, i.message.get(lang));
                }
                println!(
                    "{}",
                    if list.ready {
                        "ready to launch"
                    } else {
                        "not ready"
                    }
                );
            }
            Ok(list.ready)
        }
        LaunchCommand::Launch { id, json } => {
            let c = launch::launch(db, *id, &launch::local_user(), now)?;
            if json.json {
                output::json(&c);
            } else {
                println!("campaign {} is {}", c.id, c.status.key());
            }
            Ok(true)
        }
        LaunchCommand::Project {
            id,
            take_up,
            redeem,
            ticket,
            json,
        } => {
            let assumptions: Vec<Assumption> = launch::default_assumptions(db, *id)?
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
            let p = launch::project(db, *id, &assumptions)?;
            if json.json {
                output::json(&json!({"assumptions": assumptions, "projection": p}));
            } else {
                for l in p.coupons.iter().chain([&p.total]) {
                    println!(
                        "{:<20} redeemed {:>7}  GMV {:>12}  discount {:>10}  mall {:>10}  tenant {:>10}  fees {:>9}  net {:>12}",
                        l.label, l.redemptions, l.gmv, l.discount, l.mall, l.tenant, l.fees, l.net
                    );
                }
                println!(
                    "budget {}  use {}",
                    p.budget,
                    p.budget_use.unwrap_or_default()
                );
            }
            Ok(true)
        }
    }
}

/// `promodesk as-of WHEN`: campaigns and live coupons at that moment.
pub fn run_as_of(db: &Db, when: &str, json: bool) -> Result<(), Error> {
    let view = launch::as_of(db, when)?;
    if json {
        output::json(&view);
        return Ok(());
    }
    println!("as of {}", view.at);
    for c in &view.campaigns {
        println!("{:>4}  {:<10} {}", c.id, c.status.key(), c.name);
    }
    for c in &view.coupons {
        println!(
            "      live coupon {} ({}) in {}",
            c.name,
            c.product.key(),
            c.campaign
        );
    }
    Ok(())
}
