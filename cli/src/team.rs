//! `promodesk team …`: people on a team database (roles for IT, who you are, a campaign's
//! history, the approver's sign-off), its plazas, and moving a database up into one or a plaza
//! down into a read-only local copy; `promodesk stats compare-plazas`.

use std::path::PathBuf;

use clap::Subcommand;
use promodesk_core::api::{
    Api, CampaignRef, NameSet, NoParams, PlazaAdd, PlazaCompare, PlazaGrant, TeamPull, TeamPush,
};
use promodesk_core::db::{self, Location};
use promodesk_core::team::{PlazaComparison, TableCheck};
use promodesk_core::{Db, Error, Lang};

use crate::args::Json;
use crate::output::{self, Out};

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
    /// The plazas you may use (the current one marked *).
    Plazas(Json),
    /// Add a plaza to the group (the database's owner or an approver).
    AddPlaza {
        name: String,
        /// IANA time zone.
        #[arg(long, default_value = "Asia/Shanghai")]
        time_zone: String,
        #[command(flatten)]
        json: Json,
    },
    /// Let a PostgreSQL login (or a group role) use the plaza chosen with --plaza (default:
    /// the first you may use).
    Grant { role: String },
    /// Copy this local database (--db) into a team database as a plaza (--plaza NAME, default
    /// the local mall's name; a new plaza or an empty one), in one transaction; prints the rows
    /// and totals compared before committing.
    Push {
        /// The team database's URL (password from the keyring).
        #[arg(long, value_name = "URL")]
        to: String,
        // The plaza is the global --plaza: here the team database's plaza to copy into
        // [default: the local mall's name], a new plaza or an empty one.
        #[command(flatten)]
        json: Json,
    },
    /// Write one plaza of a team database (--plaza NAME, default the first you may use) into a
    /// new local file, read-only, for offline work.
    Pull {
        #[arg(long, value_name = "URL")]
        from: String,
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
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
            TeamCommand::Plazas(_) => "team plazas",
            TeamCommand::AddPlaza { .. } => "team add-plaza",
            TeamCommand::Grant { .. } => "team grant",
            TeamCommand::Push { .. } => "team push",
            TeamCommand::Pull { .. } => "team pull",
        }
    }
}

/// Commands that open no database of `--db` (a pull reads the team database it names).
pub fn run_pull(command: &TeamCommand, plaza: Option<&String>) -> Option<Result<(), Error>> {
    let TeamCommand::Pull { from, to, json } = command else {
        return None;
    };
    Some((|| {
        let location = Location::resolve(Some(std::path::Path::new(from.trim())))?;
        if location.file().is_some() {
            return Err(db::DbError::NotATeamUrl.into());
        }
        let mut source = Db::open_at(&location)?;
        if let Some(name) = plaza {
            promodesk_core::team::use_plaza_named(&mut source, name)?;
        }
        let summary = Api::local(&mut source).team_pull(TeamPull {
            to: to.display().to_string(),
        })?;
        Out::new(json.json).one(&summary, |s| {
            format!(
                "{}\nplaza {} copied into {} (read-only)",
                checks(&s.checks),
                s.plaza.name,
                s.file
            )
        });
        Ok(())
    })())
}

/// `plaza`: the global `--plaza`, which for a push names the plaza to copy into.
pub fn run(
    api: &mut Api,
    command: &TeamCommand,
    plaza: Option<&String>,
    lang: Lang,
) -> Result<(), Error> {
    match command {
        TeamCommand::RolesSql
        | TeamCommand::Whoami { .. }
        | TeamCommand::Name { .. }
        | TeamCommand::History { .. }
        | TeamCommand::SignOff { .. } => return run_people(api, command, lang),
        TeamCommand::Plazas(json) => {
            let list = api.plaza_list(NoParams {})?;
            Out::new(json.json).each(&list, None, |p| {
                format!(
                    "{} {}  ({})",
                    if p.current { "*" } else { " " },
                    p.name,
                    p.time_zone
                )
            });
        }
        TeamCommand::AddPlaza {
            name,
            time_zone,
            json,
        } => {
            let p = api.plaza_add(PlazaAdd {
                name: name.clone(),
                time_zone: time_zone.clone(),
            })?;
            Out::new(json.json).one(&p, |p| format!("plaza {} added", p.name));
        }
        TeamCommand::Grant { role } => {
            let plaza = promodesk_core::team::plaza::current(api.db())?.name;
            api.plaza_grant(PlazaGrant {
                role: role.clone(),
                plaza: plaza.clone(),
            })?;
            output::line(&format!("{role} may use plaza {plaza}"));
        }
        TeamCommand::Push { to, json } => {
            let shown_db = api.db().shown();
            let summary = api.team_push(TeamPush {
                to: to.clone(),
                plaza: plaza.cloned(),
            })?;
            Out::new(json.json).one(&summary, |s| {
                format!(
                    "{}\n{} copied into plaza {} of {}",
                    checks(&s.checks),
                    shown_db,
                    s.plaza.name,
                    promodesk_core::sql::pg::redact(to)
                )
            });
        }
        TeamCommand::Pull { .. } => {
            if let Some(result) = run_pull(command, plaza) {
                result?;
            }
        }
    }
    Ok(())
}

/// The comparison table of a push or pull: each table, source → copy.
fn checks(checks: &[TableCheck]) -> String {
    checks
        .iter()
        .map(|c| format!("  {c}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `promodesk stats compare-plazas`: one block per plaza, the total and each wallet.
pub fn compare(
    api: &mut Api,
    campaign: &str,
    csv: Option<&PathBuf>,
    json: bool,
    lang: Lang,
) -> Result<(), Error> {
    let c = api.stats_compare_plazas(PlazaCompare {
        campaign: campaign.to_string(),
    })?;
    if let Some(path) = csv {
        promodesk_core::team::compare::export_csv(&c, path)?;
    }
    Out::new(json).one(&c, |c| comparison_text(c, lang));
    Ok(())
}

fn comparison_text(c: &PlazaComparison, lang: Lang) -> String {
    let mut out = Vec::new();
    for col in &c.columns {
        let Some(total) = &col.total else {
            out.push(format!("{}: —", col.plaza.name));
            continue;
        };
        out.push(format!(
            "{} — {}: order {}  redemptions {}  coupon {}",
            col.plaza.name,
            col.campaign_name.as_deref().unwrap_or(""),
            total.order,
            total.redemptions,
            total.coupon
        ));
        for w in &col.wallets {
            out.push(format!(
                "  {:<10} order {:>12}  redemptions {:>6}  coupon {:>10}",
                w.provider.name().get(lang),
                w.order,
                w.redemptions,
                w.coupon
            ));
        }
    }
    out.join("\n")
}

/// People on the database: who you are, your name, a campaign's history, the sign-off.
fn run_people(api: &mut Api, command: &TeamCommand, lang: Lang) -> Result<(), Error> {
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
        _ => unreachable!("plaza commands run in run()"),
    }
    Ok(())
}
