//! Each command: read its flags into a `core::api` params struct, call the one use case, print
//! through [`Out`].

use promodesk_core::api::{
    Api, CampaignAdd, CampaignClone, CampaignConflicts, CampaignEdit, CampaignList,
    CampaignSetBudgets, CampaignSetStatus, DemoLoad, FestivalDraft, Id, MallUpdate, NoParams,
    ProviderUpdate, Year,
};
use promodesk_core::campaign::{self, CampaignFilter, CampaignInput, CampaignPatch};
use promodesk_core::mall::MallPatch;
use promodesk_core::provider::{self, ProviderSettingsPatch};
use promodesk_core::{db, Db, Error, Lang};
use serde::Serialize;

use crate::args::{CampaignCommand, Cli, Command, FestivalCommand, MallCommand, ProviderCommand};
use crate::output::{self, lang_from_env, Out};

fn open(cli: &Cli) -> Result<Db, Error> {
    let location = db::Location::resolve(cli.db.as_deref())?;
    let mut db = Db::open_at(&location)?;
    // For a push, --plaza names the plaza to copy into, not one of the local file.
    let pushing = matches!(
        &cli.command,
        Command::Team(crate::team::TeamCommand::Push { .. })
    );
    if let Some(plaza) = cli.plaza.as_ref().filter(|_| !pushing) {
        promodesk_core::team::use_plaza_named(&mut db, plaza)?;
    }
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
    // IT runs this before anyone can connect: it needs no database.
    if let Command::Team(crate::team::TeamCommand::RolesSql) = &cli.command {
        print!("{}", promodesk_core::people::ROLES_SQL);
        return Ok(true);
    }
    // A pull reads the team database it names, not --db.
    if let Command::Team(command) = &cli.command {
        if let Some(result) = crate::team::run_pull(command, cli.plaza.as_ref()) {
            return result.map(|()| true);
        }
    }
    let mut db = open(cli)?;
    let api = &mut Api::local(&mut db);
    let lang = lang_from_env();
    match &cli.command {
        Command::Import(args) => crate::import::run(api, args),
        Command::Campaign(CampaignCommand::Launch(command)) => {
            crate::launch::run(api, command, lang)
        }
        Command::Backup(command) => crate::backup::run(api, command),
        Command::Footfall(command) => crate::stats::run_footfall(api, command),
        Command::Stats(a) => crate::stats::run_stats(api, a).map(|()| true),
        Command::AsOf { when, json } => {
            crate::launch::run_as_of(api, when, json.json).map(|()| true)
        }
        Command::Export(a) => crate::stats::run_export(api, a, lang).map(|()| true),
        Command::Festival(FestivalCommand::List { year, json }) => {
            let days = api.festival_days(Year { year: *year })?;
            Out::new(json.json).each(&days, None, |d| {
                let name = if lang == Lang::ZhCn {
                    &d.name_zh
                } else {
                    &d.name_en
                };
                format!("{}  {:<14} {}", d.date, d.id, name)
            });
            Ok(true)
        }
        Command::Mall(c) => run_mall(api, c).map(|()| true),
        Command::Store(c) => crate::store::run(api, c).map(|()| true),
        Command::Campaign(c) => run_campaign(api, c).map(|()| true),
        Command::Provider(c) => run_provider(api, c).map(|()| true),
        Command::Coupon(c) => crate::coupon::run(api, c).map(|()| true),
        Command::Code(c) => crate::codes::run(api, c).map(|()| true),
        Command::Print(c) => crate::codes::run_print(api, c).map(|()| true),
        Command::Team(c) => crate::team::run(api, c, cli.plaza.as_ref(), lang).map(|()| true),
        Command::Demo { force } => {
            let summary = api.demo_load(DemoLoad { force: *force })?;
            output::line(&format!(
                "demo loaded into {}: {} stores, {} campaigns",
                api.db().shown(),
                summary.stores,
                summary.campaigns
            ));
            Ok(true)
        }
    }
}

fn run_mall(api: &mut Api, c: &MallCommand) -> Result<(), Error> {
    let (mall, json) = match c {
        MallCommand::Show(j) => (api.mall_get(NoParams {})?, j.json),
        MallCommand::Set {
            name,
            time_zone,
            logo,
            no_logo,
            json,
        } => {
            if let Some(path) = logo {
                let path = path.to_string_lossy().into_owned();
                api.mall_logo_set(promodesk_core::api::LogoFile { path })?;
            }
            if *no_logo {
                api.mall_logo_clear(NoParams {})?;
            }
            let patch = MallPatch {
                name: name.clone(),
                time_zone: time_zone.clone(),
            };
            (api.mall_update(MallUpdate { patch })?, json.json)
        }
    };
    let logo = api.mall_logo_get(NoParams {})?.map(|l| l.file_name);
    Out::new(json).one(&mall, |m| {
        format!(
            "{}\ntime zone: {}\ncurrency:  {}\nlogo:      {}",
            m.name,
            m.time_zone,
            m.currency,
            logo.as_deref().unwrap_or("none")
        )
    });
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
    let out = Out::new(json);
    out.one(c, |c| output::campaign_line(c, out.lang));
}

/// The fields `campaign add` starts from: a festival's draft when `--festival` and `--year`
/// name one, else empty.
fn campaign_base(
    api: &mut Api,
    festival: Option<&str>,
    year: Option<i32>,
) -> Result<CampaignInput, Error> {
    match (year, festival) {
        (Some(year), Some(festival)) => api.campaign_draft_for_festival(FestivalDraft {
            festival: festival.to_string(),
            year,
        }),
        _ => Ok(CampaignInput::default()),
    }
}

fn run_campaign(api: &mut Api, c: &CampaignCommand) -> Result<(), Error> {
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
            let base = campaign_base(api, fields.festival.as_deref(), *year)?;
            let input = CampaignInput {
                name: name.clone().unwrap_or(base.name),
                description: fields.description.clone().unwrap_or_default(),
                festival: fields.festival.clone(),
                start: start.clone().unwrap_or(base.start),
                end: end.clone().unwrap_or(base.end),
                budget: budget.clone(),
                store_ids: fields.stores.clone(),
            };
            print_campaign(&api.campaign_add(CampaignAdd { input })?, json.json);
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
            let list = api.campaign_list(CampaignList { filter })?;
            let out = Out::new(json.json);
            out.each(&list, None, |c| output::campaign_line(c, out.lang));
        }
        CampaignCommand::Show { id, json } => {
            let detail = api.campaign_get(Id { id: *id })?;
            let shown = CampaignWithHistory {
                campaign: &detail.campaign,
                history: &detail.history,
            };
            let out = Out::new(json.json);
            out.one(&shown, |s| {
                output::campaign_detail(s.campaign, s.history, out.lang)
            });
        }
        CampaignCommand::Edit {
            id,
            name,
            start,
            end,
            budget,
            fields,
            whole_mall,
            expected_revision,
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
            print_campaign(
                &api.campaign_edit(CampaignEdit {
                    id: *id,
                    patch,
                    expected_revision: *expected_revision,
                })?,
                json.json,
            );
        }
        CampaignCommand::SetStatus {
            id,
            status,
            reason,
            json,
        } => {
            let params = CampaignSetStatus {
                id: *id,
                status: campaign::parse_status(status)?,
                reason: reason.clone(),
            };
            print_campaign(&api.campaign_set_status(params)?, json.json);
        }
        CampaignCommand::Remove { id } => {
            api.campaign_remove(Id { id: *id })?;
            output::line(&format!("campaign {id} removed"));
        }
        CampaignCommand::Clone { id, to_year, json } => {
            let params = CampaignClone {
                id: *id,
                year: *to_year,
            };
            print_campaign(&api.campaign_clone(params)?, json.json);
        }
        CampaignCommand::Conflicts {
            campaign: only,
            json,
        } => {
            let found = api.campaign_conflicts(CampaignConflicts { campaign: *only })?;
            Out::new(json.json).each(&found, Some("no conflicts"), output::conflict_line);
        }
        CampaignCommand::Launch(_) => unreachable!("handled in run"),
        CampaignCommand::Budget {
            id,
            set,
            expected_revision,
            json,
        } => {
            let plan = if set.is_empty() {
                api.campaign_budget(Id { id: *id })?
            } else {
                let amounts = set
                    .iter()
                    .map(|pair| {
                        let (p, amount) = pair.split_once('=').unwrap_or((pair, ""));
                        Ok((p.parse()?, amount.to_string()))
                    })
                    .collect::<Result<Vec<_>, provider::ProviderError>>()?;
                api.campaign_set_budgets(CampaignSetBudgets {
                    id: *id,
                    amounts,
                    expected_revision: *expected_revision,
                })?
            };
            let out = Out::new(json.json);
            out.one(&plan, |p| output::budget_plan(p, out.lang));
        }
    }
    Ok(())
}

fn run_provider(api: &mut Api, c: &ProviderCommand) -> Result<(), Error> {
    match c {
        ProviderCommand::List(j) => {
            let all = api.provider_list(NoParams {})?;
            let out = Out::new(j.json);
            out.each(&all, None, |p| output::provider_line(p, out.lang));
        }
        ProviderCommand::Set {
            provider: key,
            fee_rate,
            settlement_days,
            json,
        } => {
            let params = ProviderUpdate {
                provider: key.parse()?,
                patch: ProviderSettingsPatch {
                    fee_rate: fee_rate.clone(),
                    settlement_days: *settlement_days,
                },
            };
            let saved = api.provider_update(params)?;
            let out = Out::new(json.json);
            out.one(&saved, |p| output::provider_line(p, out.lang));
        }
    }
    Ok(())
}
