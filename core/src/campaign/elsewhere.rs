//! What a campaign's editor shows, kept per revision (`db/revision.rs`), and what changed
//! between two revisions in the user's words — the refusal of a save someone else overtook.

use serde::{Deserialize, Serialize};

use super::CampaignStatus;
use crate::db::revision::{change, quoted, same};
use crate::money::{format_cny, from_fen};
use crate::problem::Problem;
use crate::sql::{Connection, OptionalExtension};
use crate::Localized;

const RULE: &str = "campaign.changed_elsewhere";

/// Everything the campaign editor saves: its form and the budget split per provider. Times
/// and money as stored, so the text compares exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CampaignState {
    name: String,
    description: String,
    festival: Option<String>,
    starts_at: i64,
    ends_at: i64,
    status: String,
    budget_fen: i64,
    store_ids: Vec<i64>,
    /// (provider, fen), by provider.
    provider_budgets: Vec<(String, i64)>,
}

fn read(conn: &Connection, id: i64) -> crate::sql::Result<Option<CampaignState>> {
    let row = conn
        .query_row(
            "SELECT name, description, festival, starts_at, ends_at, status, budget_fen
             FROM campaign WHERE id = ?1",
            [id],
            |r| {
                Ok(CampaignState {
                    name: r.get(0)?,
                    description: r.get(1)?,
                    festival: r.get(2)?,
                    starts_at: r.get(3)?,
                    ends_at: r.get(4)?,
                    status: r.get(5)?,
                    budget_fen: r.get(6)?,
                    store_ids: vec![],
                    provider_budgets: vec![],
                })
            },
        )
        .optional()?;
    let Some(mut state) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT store_id FROM campaign_store WHERE campaign_id = ?1 ORDER BY store_id",
    )?;
    state.store_ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT provider, budget_fen FROM campaign_provider_budget WHERE campaign_id = ?1
         ORDER BY provider",
    )?;
    state.provider_budgets = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Some(state))
}

/// The state of campaign `id` as JSON text, or `None` when there is no such campaign.
pub(crate) fn state_json(conn: &Connection, id: i64) -> crate::sql::Result<Option<String>> {
    Ok(read(conn, id)?.map(|s| serde_json::to_string(&s).unwrap_or_default()))
}

/// What changed from `then` to `now` (both from [`state_json`]), one line per field; nothing
/// when `then` is no longer kept or cannot be read.
pub(crate) fn changes(
    conn: &Connection,
    then: Option<&str>,
    now: &str,
    zone: chrono_tz::Tz,
) -> crate::sql::Result<Vec<Problem>> {
    let parse = |text: &str| serde_json::from_str::<CampaignState>(text).ok();
    let (Some(a), Some(b)) = (then.and_then(parse), parse(now)) else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    let mut push = |field: &str, label: (&str, &str), before: Localized, after: Localized| {
        out.push(change(RULE, field, label, &before, &after));
    };
    if a.name != b.name {
        push("name", ("name", "名称"), quoted(&a.name), quoted(&b.name));
    }
    if a.starts_at != b.starts_at {
        push(
            "start",
            ("start", "开始"),
            when(a.starts_at, zone),
            when(b.starts_at, zone),
        );
    }
    if a.ends_at != b.ends_at {
        push(
            "end",
            ("end", "结束"),
            when(a.ends_at, zone),
            when(b.ends_at, zone),
        );
    }
    if a.budget_fen != b.budget_fen {
        push(
            "budget",
            ("budget", "预算"),
            cny(a.budget_fen),
            cny(b.budget_fen),
        );
    }
    if a.festival != b.festival {
        push(
            "festival",
            ("festival", "节日"),
            festival(&a.festival),
            festival(&b.festival),
        );
    }
    if a.description != b.description {
        push(
            "description",
            ("description", "描述"),
            quoted(&a.description),
            quoted(&b.description),
        );
    }
    if a.store_ids != b.store_ids {
        push(
            "store_ids",
            ("target stores", "目标门店"),
            stores(conn, &a.store_ids)?,
            stores(conn, &b.store_ids)?,
        );
    }
    if a.status != b.status {
        push(
            "status",
            ("status", "状态"),
            status(&a.status),
            status(&b.status),
        );
    }
    let providers: std::collections::BTreeSet<&str> = a
        .provider_budgets
        .iter()
        .chain(&b.provider_budgets)
        .map(|(p, _)| p.as_str())
        .collect();
    for provider in providers {
        let amount = |s: &CampaignState| {
            s.provider_budgets
                .iter()
                .find(|(p, _)| p == provider)
                .map_or(0, |(_, fen)| *fen)
        };
        if amount(&a) != amount(&b) {
            let name = provider
                .parse::<crate::provider::Provider>()
                .map_or_else(|_| same(provider), |p| p.name());
            out.push(change(
                RULE,
                &format!("budget.{provider}"),
                (&format!("{} budget", name.en), &format!("{}预算", name.zh)),
                &cny(amount(&a)),
                &cny(amount(&b)),
            ));
        }
    }
    Ok(out)
}

fn cny(fen: i64) -> Localized {
    same(format_cny(from_fen(fen)))
}

/// A bound as its form shows it: the date, with the time when it is not a whole day's.
fn when(ts: i64, zone: chrono_tz::Tz) -> Localized {
    let local = crate::time::local(ts, zone);
    let time = local.format("%H:%M:%S").to_string();
    if time == "00:00:00" || time == "23:59:59" {
        same(local.format("%Y-%m-%d").to_string())
    } else {
        same(local.format("%Y-%m-%d %H:%M").to_string())
    }
}

fn festival(id: &Option<String>) -> Localized {
    match id.as_deref().filter(|f| !f.is_empty()) {
        None => Localized::new("none", "无"),
        Some(id) => crate::calendar::FESTIVALS
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| same(id), |f| Localized::new(f.name_en, f.name_zh)),
    }
}

fn status(key: &str) -> Localized {
    key.parse::<CampaignStatus>()
        .map_or_else(|_| same(key), CampaignStatus::name)
}

/// Store names, or the whole mall when none is chosen.
pub(crate) fn stores(conn: &Connection, ids: &[i64]) -> crate::sql::Result<Localized> {
    if ids.is_empty() {
        return Ok(Localized::new("whole mall", "全场"));
    }
    let mut names = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT name FROM store WHERE id = ?1")?;
    for id in ids {
        let name: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
        names.push(name.unwrap_or_else(|| format!("#{id}")));
    }
    Ok(Localized::new(names.join(", "), names.join("、")))
}
