//! `promodesk store …`: stores and their merchant ids. `store id add` and `import map` are the
//! same operation (core's `store::assign_merchant_id`).

use promodesk_core::api::{
    Api, Id, MerchantIdAssign, MerchantIdUnassign, NoParams, StoreAdd, StoreEdit, StorePatch,
};
use promodesk_core::provider::Provider;
use promodesk_core::store::{self, MerchantAccount, MerchantIdKind, Store, StoreInput};
use promodesk_core::{Error, Problem};

use crate::args::{AccountArgs, StoreCommand, StoreFields, StoreIdCommand};
use crate::output::{self, Out};

pub fn run(api: &mut Api, c: &StoreCommand) -> Result<(), Error> {
    match c {
        StoreCommand::Add { name, fields, json } => {
            let input = StoreInput {
                name: name.clone(),
                floor: fields.floor.clone().unwrap_or_default(),
                category: fields.category.clone().unwrap_or_default(),
                merchant_ids: accounts(fields, &[])?.unwrap_or_default(),
                move_taken_ids: Some(fields.move_taken),
            };
            print(&api.store_add(StoreAdd { input })?, json.json);
        }
        StoreCommand::List(j) => {
            let stores = api.store_list(NoParams {})?;
            Out::new(j.json).each(&stores, None, output::store_line);
        }
        StoreCommand::Show { id, json } => print(&api.store_get(Id { id: *id })?, json.json),
        StoreCommand::Edit {
            id,
            name,
            fields,
            json,
        } => {
            let current = api.store_get(Id { id: *id })?;
            let patch = StorePatch {
                name: name.clone(),
                floor: fields.floor.clone(),
                category: fields.category.clone(),
                merchant_ids: accounts(fields, &current.merchant_ids)?,
                move_taken_ids: fields.move_taken,
            };
            print(&api.store_edit(StoreEdit { id: *id, patch })?, json.json);
        }
        StoreCommand::Remove { id } => {
            api.store_remove(Id { id: *id })?;
            output::line(&format!("store {id} removed"));
        }
        StoreCommand::Id(StoreIdCommand::Add { store_id, account }) => {
            assign(api, *store_id, account)?
        }
        StoreCommand::Id(StoreIdCommand::Remove {
            provider,
            merchant_id,
        }) => {
            let from = api.store_unassign_merchant_id(MerchantIdUnassign {
                provider: provider.parse()?,
                merchant_id: merchant_id.clone(),
            })?;
            output::line(&format!(
                "{merchant_id} removed from store {} {}",
                from.id, from.name
            ));
        }
    }
    Ok(())
}

pub fn assign(api: &mut Api, store_id: i64, a: &AccountArgs) -> Result<(), Error> {
    let provider: Provider = a.provider.parse()?;
    let kind = match &a.kind {
        Some(k) => parse_kind(k)?,
        None => MerchantIdKind::default_for(provider),
    };
    let account = MerchantAccount::new(provider, kind, &a.merchant_id);
    let done = api.store_assign_merchant_id(MerchantIdAssign {
        store: store_id,
        account: account.clone(),
        allow_move: a.move_taken,
    })?;
    Out::new(a.json.json).one(&done, |done| {
        let moved = done
            .moved_from
            .as_ref()
            .map(|f| format!(" (moved from store {} {})", f.id, f.name))
            .unwrap_or_default();
        format!(
            "{} → store {} {}{moved}: {} trades matched",
            account.merchant_id, done.store.id, done.store.name, done.matched_trades
        )
    });
    Ok(())
}

fn parse_kind(text: &str) -> Result<MerchantIdKind, Error> {
    text.parse().map_err(|_| {
        invalid(
            "kind",
            format!("unknown kind of merchant id '{text}'; use one of sub_mch_id, mch_id, store_id, pid, merchant_no, terminal, pos_code"),
            format!("未知的商户编号类型“{text}”；可用 sub_mch_id、mch_id、store_id、pid、merchant_no、terminal、pos_code"),
        )
    })
}

fn invalid(field: &str, en: String, zh: String) -> Error {
    store::StoreError::Invalid(vec![Problem::new(field, "store.merchant_id_flag", en, zh)]).into()
}

/// `PROVIDER:ID` or `PROVIDER:KIND:ID`.
fn parse_account(text: &str) -> Result<MerchantAccount, Error> {
    let mut parts = text.splitn(3, ':');
    let (provider, second, third) = (parts.next(), parts.next(), parts.next());
    let provider: Provider = provider.unwrap_or("").parse()?;
    Ok(match (second, third) {
        (Some(kind), Some(id)) => MerchantAccount::new(provider, parse_kind(kind)?, id),
        (Some(id), None) => MerchantAccount::new(provider, MerchantIdKind::default_for(provider), id),
        _ => {
            return Err(invalid(
                "merchant_id",
                format!("--merchant-id '{text}' needs PROVIDER:ID or PROVIDER:KIND:ID, e.g. unionpay:102110058120001"),
                format!("--merchant-id“{text}”应写成 渠道:编号 或 渠道:类型:编号，如 unionpay:102110058120001"),
            ))
        }
    })
}

/// The store's new state: `base` (when editing) with the flags applied. The shortcut flags
/// replace that provider's ids of their kind; `--merchant-id` adds.
/// The store's whole set of merchant ids after the flags, starting from `current`; `None`
/// when no flag touches them.
fn accounts(
    f: &StoreFields,
    current: &[MerchantAccount],
) -> Result<Option<Vec<MerchantAccount>>, Error> {
    let shortcuts = [
        (
            &f.wechat_sub_mch_id,
            Provider::WechatPay,
            MerchantIdKind::SubMchId,
        ),
        (
            &f.alipay_store_id,
            Provider::Alipay,
            MerchantIdKind::StoreId,
        ),
    ];
    if shortcuts.iter().all(|(v, _, _)| v.is_none()) && f.merchant_ids.is_empty() {
        return Ok(None);
    }
    let mut accounts = current.to_vec();
    for (value, provider, kind) in shortcuts {
        if let Some(value) = value {
            accounts.retain(|a| !(a.provider == provider && a.kind == kind));
            if !value.trim().is_empty() {
                accounts.push(MerchantAccount::new(provider, kind, value));
            }
        }
    }
    for text in &f.merchant_ids {
        accounts.push(parse_account(text)?);
    }
    Ok(Some(accounts))
}

fn print(s: &Store, json: bool) {
    Out::new(json).one(s, output::store_line);
}
