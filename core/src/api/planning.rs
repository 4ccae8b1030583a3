//! Planning: the mall, its stores and their merchant ids, campaigns, the festival calendar and
//! the providers' fee settings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, Id, NoParams};
use crate::calendar::{self, Festival, FestivalDay, FESTIVALS};
use crate::campaign::{
    self, BudgetPlan, Campaign, CampaignFilter, CampaignInput, CampaignPatch, CampaignStatus,
    Conflict, StatusChange,
};
use crate::mall::{self, LogoInfo, Mall, MallPatch};
use crate::provider::{self, Provider, ProviderSettings, ProviderSettingsPatch};
use crate::store::{self, Assigned, MerchantAccount, Store, StoreInput, StoreRef};
use crate::Error;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MallUpdate {
    pub patch: MallPatch,
}

/// An image file chosen as the mall's logo on its reports.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LogoFile {
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StoreAdd {
    pub input: StoreInput,
}

/// A change to a store; absent fields stay as they are. `merchant_ids`, when given, is the
/// store's whole set of ids.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StorePatch {
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub floor: Option<String>,
    #[ts(optional)]
    pub category: Option<String>,
    #[ts(optional)]
    pub merchant_ids: Option<Vec<MerchantAccount>>,
    /// Move ids another store holds (the user confirmed) instead of refusing them.
    #[serde(default)]
    pub move_taken_ids: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StoreEdit {
    pub id: i64,
    pub patch: StorePatch,
}

/// Gives a store one merchant id. `allow_move` is the user's answer to "it belongs to … —
/// move it?".
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MerchantIdAssign {
    pub store: i64,
    pub account: MerchantAccount,
    #[serde(default)]
    pub allow_move: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MerchantIdUnassign {
    pub provider: Provider,
    pub merchant_id: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignList {
    #[serde(default)]
    pub filter: CampaignFilter,
}

/// Everything the campaign page shows about one campaign.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignDetail {
    pub campaign: Campaign,
    pub history: Vec<StatusChange>,
    /// The statuses it may move to now, so the UI offers only legal moves.
    pub next: Vec<CampaignStatus>,
    pub conflicts: Vec<Conflict>,
    pub budget: BudgetPlan,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignAdd {
    pub input: CampaignInput,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignEdit {
    pub id: i64,
    pub patch: CampaignPatch,
    /// The revision the editor loaded: the save is refused (`campaign.changed_elsewhere`, with
    /// what changed) when someone else saved since. Absent, the last writer wins — the CLI's
    /// default, where no editor was loaded.
    #[serde(default)]
    #[ts(optional)]
    pub expected_revision: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignSetStatus {
    pub id: i64,
    pub status: CampaignStatus,
    #[serde(default)]
    pub reason: String,
}

/// Conflicts of one campaign, or of all when `campaign` is absent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignConflicts {
    #[ts(optional)]
    pub campaign: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FestivalDraft {
    pub festival: String,
    pub year: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignClone {
    pub id: i64,
    pub year: i32,
}

/// Each provider's share of the campaign budget, in yuan as typed.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CampaignSetBudgets {
    pub id: i64,
    pub amounts: Vec<(Provider, String)>,
    /// As in [`CampaignEdit`]: the split is part of what the campaign editor saves.
    #[serde(default)]
    #[ts(optional)]
    pub expected_revision: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Year {
    pub year: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProviderUpdate {
    pub provider: Provider,
    pub patch: ProviderSettingsPatch,
}

impl Api<'_> {
    pub fn mall_get(&mut self, _: NoParams) -> Result<Mall, Error> {
        Ok(mall::get(self.db)?)
    }

    pub fn mall_update(&mut self, p: MallUpdate) -> Result<Mall, Error> {
        Ok(mall::update(self.db, &p.patch)?)
    }

    pub fn mall_logo_get(&mut self, _: NoParams) -> Result<Option<LogoInfo>, Error> {
        Ok(mall::logo_info(self.db)?)
    }

    pub fn mall_logo_set(&mut self, p: LogoFile) -> Result<LogoInfo, Error> {
        let logo = mall::Logo::read(std::path::Path::new(&p.path))?;
        Ok(mall::set_logo(self.db, &logo)?)
    }

    pub fn mall_logo_clear(&mut self, _: NoParams) -> Result<(), Error> {
        Ok(mall::clear_logo(self.db)?)
    }

    pub fn store_list(&mut self, _: NoParams) -> Result<Vec<Store>, Error> {
        Ok(store::list(self.db)?)
    }

    pub fn store_get(&mut self, p: Id) -> Result<Store, Error> {
        Ok(store::get(self.db, p.id)?)
    }

    pub fn store_add(&mut self, p: StoreAdd) -> Result<Store, Error> {
        Ok(store::add(self.db, &p.input)?)
    }

    pub fn store_edit(&mut self, p: StoreEdit) -> Result<Store, Error> {
        let current = store::get(self.db, p.id)?;
        let patch = p.patch;
        let input = StoreInput {
            name: patch.name.unwrap_or(current.name),
            floor: patch.floor.unwrap_or(current.floor),
            category: patch.category.unwrap_or(current.category),
            merchant_ids: patch.merchant_ids.unwrap_or(current.merchant_ids),
            move_taken_ids: Some(patch.move_taken_ids),
        };
        Ok(store::edit(self.db, p.id, &input)?)
    }

    pub fn store_remove(&mut self, p: Id) -> Result<(), Error> {
        Ok(store::remove(self.db, p.id)?)
    }

    pub fn store_assign_merchant_id(&mut self, p: MerchantIdAssign) -> Result<Assigned, Error> {
        Ok(store::assign_merchant_id(
            self.db,
            p.store,
            &p.account,
            p.allow_move,
        )?)
    }

    pub fn store_unassign_merchant_id(&mut self, p: MerchantIdUnassign) -> Result<StoreRef, Error> {
        Ok(store::unassign_merchant_id(
            self.db,
            p.provider,
            &p.merchant_id,
        )?)
    }

    pub fn campaign_list(&mut self, p: CampaignList) -> Result<Vec<Campaign>, Error> {
        self.refresh_statuses()?;
        Ok(campaign::list(self.db, &p.filter)?)
    }

    pub fn campaign_get(&mut self, p: Id) -> Result<CampaignDetail, Error> {
        self.refresh_statuses()?;
        let campaign = campaign::get(self.db, p.id)?;
        Ok(CampaignDetail {
            next: campaign.status.next().to_vec(),
            history: campaign::history(self.db, p.id)?,
            conflicts: campaign::conflicts_of(self.db, p.id)?,
            budget: campaign::budget_plan(self.db, p.id)?,
            campaign,
        })
    }

    pub fn campaign_add(&mut self, p: CampaignAdd) -> Result<Campaign, Error> {
        Ok(campaign::add(self.db, &p.input, &self.actor)?)
    }

    pub fn campaign_edit(&mut self, p: CampaignEdit) -> Result<Campaign, Error> {
        Ok(campaign::edit_at(
            self.db,
            p.id,
            &p.patch,
            p.expected_revision,
        )?)
    }

    pub fn campaign_set_status(&mut self, p: CampaignSetStatus) -> Result<Campaign, Error> {
        self.apply_due_statuses()?;
        Ok(campaign::set_status(
            self.db,
            p.id,
            p.status,
            &self.actor,
            &p.reason,
        )?)
    }

    pub fn campaign_remove(&mut self, p: Id) -> Result<(), Error> {
        self.apply_due_statuses()?;
        Ok(campaign::remove(self.db, p.id)?)
    }

    pub fn campaign_conflicts(&mut self, p: CampaignConflicts) -> Result<Vec<Conflict>, Error> {
        Ok(match p.campaign {
            Some(id) => campaign::conflicts_of(self.db, id)?,
            None => campaign::conflicts(self.db)?,
        })
    }

    /// A new campaign's fields for a festival's days in `year`, to edit before saving.
    /// Named "… (2)" when a campaign already carries the festival's name; the form shows it.
    pub fn campaign_draft_for_festival(
        &mut self,
        p: FestivalDraft,
    ) -> Result<CampaignInput, Error> {
        let mut draft = campaign::draft_for_festival(&p.festival, p.year)?;
        draft.name = campaign::free_name(self.db, &draft.name)?;
        Ok(draft)
    }

    pub fn campaign_clone(&mut self, p: CampaignClone) -> Result<Campaign, Error> {
        Ok(campaign::clone_to_year(self.db, p.id, p.year, &self.actor)?)
    }

    pub fn campaign_budget(&mut self, p: Id) -> Result<BudgetPlan, Error> {
        Ok(campaign::budget_plan(self.db, p.id)?)
    }

    pub fn campaign_set_budgets(&mut self, p: CampaignSetBudgets) -> Result<BudgetPlan, Error> {
        Ok(campaign::set_provider_budgets_at(
            self.db,
            p.id,
            &p.amounts,
            p.expected_revision,
        )?)
    }

    pub fn festival_list(&mut self, _: NoParams) -> Result<Vec<Festival>, Error> {
        Ok(FESTIVALS.to_vec())
    }

    pub fn festival_days(&mut self, p: Year) -> Result<Vec<FestivalDay>, Error> {
        Ok(calendar::festival_days(p.year)?)
    }

    pub fn provider_list(&mut self, _: NoParams) -> Result<Vec<ProviderSettings>, Error> {
        Ok(provider::list_settings(self.db)?)
    }

    pub fn provider_update(&mut self, p: ProviderUpdate) -> Result<ProviderSettings, Error> {
        Ok(provider::update_settings(self.db, p.provider, &p.patch)?)
    }
}
