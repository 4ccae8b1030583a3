//! `promodesk store …`: stores and their merchant ids. `store id add` and `import map` are the
//! same operation (core's `store::assign_merchant_id`).

use promodesk_core::provider::Provider;
use promodesk_core::store::{self, MerchantAccount, MerchantIdKind, Store, StoreInput};
use promodesk_core::{Db, Error, Problem};

use crate::args::{AccountArgs, StoreCommand, StoreFields, StoreIdCommand};
use crate::output;

pub fn run(db: &mut Db, c: &StoreCommand) -> Result<(), Error> {
    match c {
        StoreCommand::Add { name, fields, json } => {
            let s = store::add(db, &input(name.clone(), fields, None)?)?;
            print(&s, json.json);
        }
        StoreCommand::List(j) => {
            let stores = store::list(db)?;
            if j.json {
                output::json(&stores);
            } else {
                stores
                    .iter()
                    .for_each(|s| println!("{}", output::store_line(s)));
            }
        }
        StoreCommand::Show { id, json } => print(&store::get(db, *id)?, json.json),
        StoreCommand::Edit {
            id,
            name,
            fields,
            json,
        } => {
            let current = store::get(db, *id)?;
            let name = name.clone().unwrap_or_else(|| current.name.clone());
            let s = store::edit(db, *id, &input(name, fields, Some(&current))?)?;
            print(&s, json.json);
        }
        StoreCommand::Remove { id } => {
            store::remove(db, *id)?;
            println!("store {id} removed");
        }
        StoreCommand::Id(StoreIdCommand::Add { store_id, account }) => {
            assign(db, *store_id, account)?
        }
        StoreCommand::Id(StoreIdCommand::Remove {
            provider,
            merchant_id,
        }) => {
            let from = store::unassign_merchant_id(db, provider.parse()?, merchant_id)?;
            println!("{merchant_id} removed from store {} {}", from.id, from.name);
        }
    }
    Ok(())
}

/// Gives a store a merchant id: `store id add` and `import map`.
pub fn assign(db: &mut Db, store_id: i64, a: &AccountArgs) -> Result<(), Error> {
    let provider: Provider = a.provider.parse()?;
    let kind = match &a.kind {
        Some(k) => parse_kind(k)?,
        None => MerchantIdKind::default_for(provider),
    };
    let account = MerchantAccount::new(provider, kind, &a.merchant_id);
    let done = store::assign_merchant_id(db, store_id, &account, a.move_taken)?;
    if a.json.json {
        output::json(&done);
    } else {
        let moved = done
            .moved_from
            .as_ref()
            .map(|f| format!(" (moved from store {} {})", f.id, f.name))
            .unwrap_or_default();
        println!(
            "{} → store {} {}{moved}: {} trades matched",
            account.merchant_id, done.store.id, done.store.name, done.matched_trades
        );
    }
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
fn input(name: String, f: &StoreFields, base: Option<&Store>) -> Result<StoreInput, Error> {
    let mut accounts: Vec<MerchantAccount> =
        base.map(|b| b.merchant_ids.clone()).unwrap_or_default();
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
    Ok(StoreInput {
        name,
        floor: f
            .floor
            .clone()
            .or_else(|| base.map(|b| b.floor.clone()))
            .unwrap_or_default(),
        category: f
            .category
            .clone()
            .or_else(|| base.map(|b| b.category.clone()))
            .unwrap_or_default(),
        merchant_ids: accounts,
        move_taken_ids: Some(f.move_taken),
    })
}

fn print(s: &Store, json: bool) {
    if json {
        output::json(s);
    } else {
        println!("{}", output::store_line(s));
    }
}
