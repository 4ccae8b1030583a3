//! `promodesk team roles-sql|whoami|name|history|sign-off`: people on a team database.

use clap::Subcommand;
use promodesk_core::api::{Api, CampaignRef, NameSet, NoParams};
use promodesk_core::{Error, Lang};

use crate::args::Json;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Print the SQL that creates the PromoDesk roles and their grants, for IT to run with
    /// psql as a superuser on the team database (safe to run again).
    RolesSql,
    /// Who you are on this database: your login, your name, your PromoDesk roles.
    Whoami {
        #[command(flatten)]
        json: Json,
    },
    /// Set the name the history shows for you.
    Name { name: String },
    /// Every change to a campaign, its coupons, stores, status and sign-offs, newest first.
    History {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Sign off a campaign's launch checklist as it stands now (approvers).
    SignOff {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
}

impl TeamCommand {
    pub fn label(&self) -> &'static str {
        match self {
            TeamCommand::RolesSql => "team roles-sql",
            TeamCommand::Whoami { .. } => "team whoami",
            TeamCommand::Name { .. } => "team name",
            TeamCommand::History { .. } => "team history",
            TeamCommand::SignOff { .. } => "team sign-off",
        }
    }
}

pub fn run(api: &mut Api, command: &TeamCommand, lang: Lang) -> Result<(), Error> {
    match command {
        TeamCommand::RolesSql => unreachable!("printed before the database is opened"),
        TeamCommand::Whoami { json } => {
            let me = api.people_me(NoParams {})?;
            Out::new(json.json).one(&me, |m| {
                let roles: Vec<String> = m
                    .roles
                    .iter()
                    .map(|r| r.name().get(lang).to_string())
                    .collect();
                format!(
                    "{} ({})  roles: {}",
                    m.shown(),
                    m.role_name,
                    roles.join(", ")
                )
            });
        }
        TeamCommand::Name { name } => {
            let me = api.people_set_name(NameSet { name: name.clone() })?;
            crate::output::line(&format!("you are {} ({})", me.shown(), me.role_name));
        }
        TeamCommand::History { id, json } => {
            let entries = api.campaign_history(CampaignRef { campaign: *id })?;
            Out::new(json.json).each(&entries, Some("no changes recorded"), |e| {
                format!("{}  {}", e.at, e.summary.get(lang))
            });
        }
        TeamCommand::SignOff { id, json } => {
            let state = api.launch_sign_off(CampaignRef { campaign: *id })?;
            Out::new(json.json).one(&state, |s| match &s.latest {
                Some(l) => format!("signed off by {} at {}", l.by, l.at),
                None => "not signed off".into(),
            });
        }
    }
    Ok(())
}
