//! A campaign's budget: the total, its split per payment provider, and what burn-down charts
//! need (days and an even daily pace). Spending arrives with imported bills.

use crate::sql::params;
use crate::sql::OptionalExtension;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::{get, CampaignError};
use crate::db::Db;
use crate::money::{check_amount, from_fen, parse_yuan};
use crate::problem::Problem;
use crate::provider::Provider;

/// The part of the budget set aside for one provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderBudget {
    pub provider: Provider,
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// The budget of a campaign as planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetPlan {
    pub campaign_id: i64,
    #[ts(type = "string")]
    pub total: Decimal,
    pub by_provider: Vec<ProviderBudget>,
    #[ts(type = "string")]
    pub allocated: Decimal,
    #[ts(type = "string")]
    pub unallocated: Decimal,
    /// Calendar days the campaign touches in the mall's zone.
    pub days: i64,
    /// The even pace: total ÷ days, rounded down to the fen.
    #[ts(type = "string")]
    pub daily_pace: Decimal,
}

/// The budget plan of a campaign.
pub fn budget_plan(db: &Db, id: i64) -> Result<BudgetPlan, CampaignError> {
    let campaign = get(db, id)?;
    let mut stmt = db.conn().prepare(
        "SELECT provider, budget_fen FROM campaign_provider_budget WHERE campaign_id = ?1",
    )?;
    let mut by_provider: Vec<ProviderBudget> = stmt
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(p, fen)| {
            Some(ProviderBudget {
                provider: p.parse().ok()?,
                amount: from_fen(fen),
            })
        })
        .collect();
    by_provider.sort_by_key(|b| b.provider);
    let allocated: Decimal = by_provider.iter().map(|b| b.amount).sum();
    let day = |s: &str| {
        s.get(..10)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
    };
    let days = match (day(&campaign.start), day(&campaign.end)) {
        (Some(a), Some(b)) => (b - a).num_days() + 1,
        _ => 1,
    };
    let daily_pace = (campaign.budget / Decimal::from(days.max(1)))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    Ok(BudgetPlan {
        campaign_id: id,
        total: campaign.budget,
        unallocated: campaign.budget - allocated,
        allocated,
        by_provider,
        days,
        daily_pace,
    })
}

/// Sets the split per provider (amounts as typed, yuan; "0" or "" removes a provider). The
/// split may not exceed the total. The last writer wins: see [`set_provider_budgets_at`].
pub fn set_provider_budgets(
    db: &mut Db,
    id: i64,
    amounts: &[(Provider, String)],
) -> Result<BudgetPlan, CampaignError> {
    set_provider_budgets_at(db, id, amounts, None)
}

/// [`set_provider_budgets`] on the campaign as it was at revision `expected` (the split is part
/// of what its editor saves): refused with what changed since when someone else saved between.
pub fn set_provider_budgets_at(
    db: &mut Db,
    id: i64,
    amounts: &[(Provider, String)],
    expected: Option<i64>,
) -> Result<BudgetPlan, CampaignError> {
    let zone = crate::mall::get(db)?.zone();
    let me = db.actor().to_string();
    db.write(|tx| {
        super::repo::claim(tx, id, expected, zone, &me)?;
        let total: i64 = tx
            .query_row("SELECT budget_fen FROM campaign WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(CampaignError::NotFound(id))?;
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        for (provider, text) in amounts {
            let field = format!("budget.{}", provider.key());
            let text = text.trim();
            if text.is_empty() {
                parsed.push((*provider, 0));
                continue;
            }
            match parse_yuan(text).map(|v| check_amount(&field, v)) {
                Some(Ok(fen)) => parsed.push((*provider, fen)),
                Some(Err(p)) => problems.push(p),
                None => problems.push(Problem::new(
                    &field,
                    "campaign.provider_budget_unreadable",
                    format!("{field} '{text}' is not an amount; enter yuan such as 30000"),
                    format!("{}预算“{text}”不是金额；请输入元，如 30000", provider.name().zh),
                )),
            }
        }
        if problems.is_empty() {
            for (provider, fen) in &parsed {
                tx.execute(
                    "DELETE FROM campaign_provider_budget WHERE campaign_id = ?1 AND provider = ?2",
                    params![id, provider.key()],
                )?;
                if *fen > 0 {
                    tx.execute(
                        "INSERT INTO campaign_provider_budget (campaign_id, provider, budget_fen) VALUES (?1, ?2, ?3)",
                        params![id, provider.key(), fen],
                    )?;
                }
            }
            let allocated: i64 = tx.query_row(
                "SELECT COALESCE(SUM(budget_fen), 0) FROM campaign_provider_budget WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if allocated > total {
                let (a, t) = (from_fen(allocated), from_fen(total));
                problems.push(Problem::new(
                    "budget",
                    "campaign.budget_overallocated",
                    format!("the provider budgets add up to {a}, more than the campaign budget {t}; lower them or raise the budget"),
                    format!("各渠道预算合计 {a}，超过活动总预算 {t}；请调低渠道预算或提高总预算"),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CampaignError::Invalid(problems))
        }
    })?;
    budget_plan(db, id)
}
