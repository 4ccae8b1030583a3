//! Each command: parse its flags, call core, print.

use promodesk_core::campaign::{self, CampaignFilter, CampaignInput, CampaignPatch};
use promodesk_core::mall::{self, MallPatch};
use promodesk_core::provider::{self, ProviderSettingsPatch};
use promodesk_core::{db, demo, local_user, Db, Error};
use serde::Serialize;

use crate::args::{CampaignCommand, Cli, Command, FestivalCommand, MallCommand, ProviderCommand};
use crate::output::{self, lang_from_env};

fn open(cli: &Cli) -> Result<Db, Error> {
    let path = db::resolve_path(cli.db.as_deref())?;
    let db = Db::open(&path)?;
    // Once a day, the first command keeps a copy; a failure here must not stop the work.
    if let Err(e) = promodesk_core::backup::daily(&db) {
        eprintln!(
            "warning: daily backup failed: {}",
            e.localized().get(lang_from_env())
        );
    }
    Ok(db)
}

/// Runs the command; `Ok(false)` when it finished but not everything succeeded (an import
/// where some files were refused), which exits non-zero.
pub fn run(cli: &Cli) -> Result<bool, Error> {
    let mut db = open(cli)?;
    // Statuses that changed by time are applied whenever PromoDesk looks.
    campaign::refresh_statuses(&mut db, chrono::Utc::now())?;
    if let Command::Import(args) = &cli.command {
        return crate::import::run(&mut db, args);
    }
    if let Command::Campaign(CampaignCommand::Launch(command)) = &cli.command {
        return crate::launch::run(&mut db, command, crate::output::lang_from_env());
    }
    if let Command::Backup(command) = &cli.command {
        return crate::backup::run(&mut db, command);
    }
    if let Command::Footfall(command) = &cli.command {
        return crate::stats::run_footfall(&mut db, command, crate::output::lang_from_env());
    }
    run_other(&mut db, cli).map(|()| true)
}

fn run_other(db: &mut Db, cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Import(_) => unreachable!("handled above"),
        Command::Stats(a) => crate::stats::run_stats(db, a),
        Command::AsOf { when, json } => crate::launch::run_as_of(db, when, json.json),
        Command::Export(a) => crate::stats::run_export(db, a, crate::output::lang_from_env()),
        Command::Footfall(_) | Command::Backup(_) => unreachable!("handled above"),
        Command::Festival(FestivalCommand::List { year, json }) => {
            let days = promodesk_core::calendar::festival_days(*year)?;
            if json.json {
                output::json(&days);
            } else {
                let lang = lang_from_env();
                for d in &days {
                    let name = if lang == promodesk_core::Lang::ZhCn {
                        &d.name_zh
                    } else {
                        &d.name_en
                    };
                    println!("{}  {:<14} {}", d.date, d.id, name);
                }
            }
            Ok(())
        }
        Command::Mall(c) => run_mall(db, c),
        Command::Store(c) => crate::store::run(db, c),
        Command::Campaign(c) => run_campaign(db, c),
        Command::Provider(c) => run_provider(db, c),
        Command::Coupon(c) => crate::coupon::run(db, c),
        Command::Demo { force } => {
            let zone = mall::get(db)?.zone();
            let today = chrono::Utc::now().with_timezone(&zone).date_naive();
            let summary = demo::load(db, today, *force)?;
            println!(
                "demo loaded into {}: {} stores, {} campaigns",
                db.path().display(),
                summary.stores,
                summary.campaigns
            );
            Ok(())
        }
    }
}

fn run_mall(db: &mut Db, c: &MallCommand) -> Result<(), Error> {
    let (m, json) = match c {
        MallCommand::Show(j) => (mall::get(db)?, j.json),
        MallCommand::Set {
            name,
            time_zone,
            json,
        } => {
            let patch = MallPatch {
                name: name.clone(),
                time_zone: time_zone.clone(),
            };
            (mall::update(db, &patch)?, json.json)
        }
    };
    if json {
        output::json(&m);
    } else {
        println!(
            "{}\ntime zone: {}\ncurrency:  {}",
            m.name, m.time_zone, m.currency
        );
    }
    Ok(())
}

/// `campaign show --json`: the campaign with its history beside its fields.
#[derive(Serialize)]
struct CampaignWithHistory<'a> {
    #[serde(flatten)]
    campaign: &'a campaign::Campaign,
    history: &'a [campaign::StatusChange],
}

fn print_campaign(c: &campaign::Campaign, json: bool) {
    if json {
        output::json(c);
    } else {
        println!("{}", output::campaign_line(c, lang_from_env()));
    }
}

fn run_campaign(db: &mut Db, c: &CampaignCommand) -> Result<(), Error> {
    match c {
        CampaignCommand::Add {
            name,
            start,
            end,
            year,
            budget,
            fields,
            json,
        } => {
            let base = match (year, fields.festival.as_deref()) {
                (Some(y), Some(f)) => campaign::draft_for_festival(f, *y)?,
                _ => CampaignInput::default(),
            };
            let input = CampaignInput {
                name: name.clone().unwrap_or(base.name),
                description: fields.description.clone().unwrap_or_default(),
                festival: fields.festival.clone(),
                start: start.clone().unwrap_or(base.start),
                end: end.clone().unwrap_or(base.end),
                budget: budget.clone(),
                store_ids: fields.stores.clone(),
            };
            let created = campaign::add(db, &input, &local_user())?;
            print_campaign(&created, json.json);
        }
        CampaignCommand::List {
            status,
            festival,
            from,
            to,
            search,
            json,
        } => {
            let filter = CampaignFilter {
                status: status.as_deref().map(campaign::parse_status).transpose()?,
                festival: festival.clone(),
                from: from.clone(),
                to: to.clone(),
                search: search.clone(),
            };
            let list = campaign::list(db, &filter)?;
            if json.json {
                output::json(&list);
            } else {
                let lang = lang_from_env();
                list.iter()
                    .for_each(|c| println!("{}", output::campaign_line(c, lang)));
            }
        }
        CampaignCommand::Show { id, json } => {
            let c = campaign::get(db, *id)?;
            let history = campaign::history(db, *id)?;
            if json.json {
                output::json(&CampaignWithHistory {
                    campaign: &c,
                    history: &history,
                });
            } else {
                print!("{}", output::campaign_detail(&c, &history, lang_from_env()));
            }
        }
        CampaignCommand::Edit {
            id,
            name,
            start,
            end,
            budget,
            fields,
            whole_mall,
            json,
        } => {
            let store_ids = if *whole_mall {
                Some(vec![])
            } else if fields.stores.is_empty() {
                None
            } else {
                Some(fields.stores.clone())
            };
            let patch = CampaignPatch {
                name: name.clone(),
                description: fields.description.clone(),
                festival: fields.festival.clone(),
                start: start.clone(),
                end: end.clone(),
                budget: budget.clone(),
                store_ids,
            };
            print_campaign(&campaign::edit(db, *id, &patch)?, json.json);
        }
        CampaignCommand::SetStatus {
            id,
            status,
            reason,
            json,
        } => {
            let to = campaign::parse_status(status)?;
            let c = campaign::set_status(db, *id, to, &local_user(), reason)?;
            print_campaign(&c, json.json);
        }
        CampaignCommand::Remove { id } => {
            campaign::remove(db, *id)?;
            println!("campaign {id} removed");
        }
        CampaignCommand::Clone { id, to_year, json } => {
            let c = campaign::clone_to_year(db, *id, *to_year, &local_user())?;
            print_campaign(&c, json.json);
        }
        CampaignCommand::Conflicts {
            campaign: only,
            json,
        } => {
            let found = match only {
                Some(id) => campaign::conflicts_of(db, *id)?,
                None => campaign::conflicts(db)?,
            };
            if json.json {
                output::json(&found);
            } else if found.is_empty() {
                println!("no conflicts");
            } else {
                found
                    .iter()
                    .for_each(|c| println!("{}", output::conflict_line(c)));
            }
        }
        CampaignCommand::Launch(_) => unreachable!("handled in run"),
        CampaignCommand::Budget { id, set, json } => {
            let plan = if set.is_empty() {
                campaign::budget_plan(db, *id)?
            } else {
                let amounts = set
                    .iter()
                    .map(|pair| {
                        let (p, amount) = pair.split_once('=').unwrap_or((pair, ""));
                        Ok((p.parse()?, amount.to_string()))
                    })
                    .collect::<Result<Vec<_>, provider::ProviderError>>()?;
                campaign::set_provider_budgets(db, *id, &amounts)?
            };
            if json.json {
                output::json(&plan);
            } else {
                print!("{}", output::budget_plan(&plan, lang_from_env()));
            }
        }
    }
    Ok(())
}

fn run_provider(db: &mut Db, c: &ProviderCommand) -> Result<(), Error> {
    let lang = lang_from_env();
    match c {
        ProviderCommand::List(j) => {
            let all = provider::list_settings(db)?;
            if j.json {
                output::json(&all);
            } else {
                all.iter()
                    .for_each(|p| println!("{}", output::provider_line(p, lang)));
            }
        }
        ProviderCommand::Set {
            provider: key,
            fee_rate,
            settlement_days,
            json,
        } => {
            let p: provider::Provider = key.parse()?;
            let patch = ProviderSettingsPatch {
                fee_rate: fee_rate.clone(),
                settlement_days: *settlement_days,
            };
            let saved = provider::update_settings(db, p, &patch)?;
            if json.json {
                output::json(&saved);
            } else {
                println!("{}", output::provider_line(&saved, lang));
            }
        }
    }
    Ok(())
}
