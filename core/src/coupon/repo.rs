//! Storing coupons. Every write validates against the generic and the provider rules and checks
//! the campaign's worst-case cost inside the same IMMEDIATE transaction, so two windows (or the
//! CLI beside the app) cannot together push a campaign over its budget.

use crate::sql::{params, OptionalExtension, Row, Transaction};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::normalize::{normalize, NormValidity, Normalized};
use super::rules::check;
use super::types::{
    Coupon, CouponKind, CouponSpec, Funding, LimitPeriod, Product, Stacking, TimeSlot, Validation,
    Validity,
};
use super::CouponError;
use crate::db::revision::{self, Claim};
use crate::db::Db;
use crate::money::from_fen;
use crate::problem::Problem;
use crate::time::{now_ts, rfc3339};

fn zone(db: &Db) -> Result<Tz, CouponError> {
    Ok(crate::mall::get(db)?.zone())
}

fn campaign_window(conn: &crate::sql::Connection, id: i64) -> Result<(i64, i64, i64), CouponError> {
    conn.query_row(
        "SELECT starts_at, ends_at, budget_fen FROM campaign WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(CouponError::CampaignNotFound(id))
}

/// Checks a spec for a product on a campaign: generic rules, then the provider's.
fn validate(
    conn: &crate::sql::Connection,
    campaign_id: i64,
    product: Product,
    spec: &CouponSpec,
    zone: Tz,
    own_id: Option<i64>,
) -> Result<Normalized, CouponError> {
    let (start, end, _) = campaign_window(conn, campaign_id)?;
    let mut problems = Vec::new();
    let normalized = match normalize(spec, zone, (start, end)) {
        Ok(n) => {
            problems.extend(check(product, &n));
            Some(n)
        }
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    problems.extend(check_references(conn, campaign_id, spec, own_id)?);
    let color = spec.wallet_color.trim();
    if !color.is_empty()
        && !super::types::WECHAT_COLORS
            .iter()
            .any(|(name, _)| *name == color)
    {
        problems.push(Problem::new(
            "wallet_color",
            "wechat.wallet_color",
            format!(
                "card colour '{color}' is not one of WeChat's Color010…Color100; pick one of them"
            ),
            format!("卡券颜色“{color}”不在微信的 Color010…Color100 中；请从中选择"),
        ));
    }
    match (problems.is_empty(), normalized) {
        (true, Some(n)) => Ok(n),
        _ => Err(CouponError::Invalid(problems)),
    }
}

/// Stores must exist and belong to the campaign (when it targets stores); stacking partners
/// must be coupons of the same campaign.
fn check_references(
    conn: &crate::sql::Connection,
    campaign_id: i64,
    spec: &CouponSpec,
    own_id: Option<i64>,
) -> Result<Vec<Problem>, CouponError> {
    let mut problems = Vec::new();
    let mut stmt =
        conn.prepare_cached("SELECT store_id FROM campaign_store WHERE campaign_id = ?1")?;
    let campaign_stores: Vec<i64> = stmt
        .query_map([campaign_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for store in &spec.store_ids {
        let exists: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM store WHERE id = ?1)",
            [store],
            |r| r.get(0),
        )?;
        if !exists || (!campaign_stores.is_empty() && !campaign_stores.contains(store)) {
            problems.push(Problem::new(
                "store_ids",
                "coupon.store_not_in_campaign",
                format!("store {store} is not one of the campaign's stores; pick from those"),
                format!("门店 {store} 不在活动的目标门店中；请从中选择"),
            ));
        }
    }
    for other in &spec.stacking.stackable_with {
        let same: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM coupon WHERE id = ?1 AND campaign_id = ?2)",
            params![other, campaign_id],
            |r| r.get(0),
        )?;
        if !same || Some(*other) == own_id {
            problems.push(Problem::new(
                "stacking",
                "coupon.stack_partner_unknown",
                format!("coupon {other} is not another coupon of this campaign; it cannot be stacked with"),
                format!("优惠券 {other} 不是本活动的其他券，不能叠加"),
            ));
        }
    }
    Ok(problems)
}

/// The most a campaign's coupons can cost if every one is redeemed, in fen; `None` when a
/// coupon has no bound (a discount without a cap).
fn worst_case_fen(
    tx: &crate::sql::Connection,
    campaign_id: i64,
) -> Result<Option<i64>, CouponError> {
    let unbounded: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM coupon WHERE campaign_id = ?1 AND max_discount_fen IS NULL)",
        [campaign_id],
        |r| r.get(0),
    )?;
    if unbounded {
        return Ok(None);
    }
    Ok(Some(tx.query_row(
        "SELECT COALESCE(SUM(quantity * max_discount_fen), 0) FROM coupon WHERE campaign_id = ?1",
        [campaign_id],
        |r| r.get(0),
    )?))
}

/// Public form: the worst case as yuan, for checklists and the UI.
pub fn worst_case_cost(db: &Db, campaign_id: i64) -> Result<Option<Decimal>, CouponError> {
    Ok(worst_case_fen(db.conn(), campaign_id)?.map(from_fen))
}

fn check_budget(tx: &Transaction<'_>, campaign_id: i64) -> Result<(), CouponError> {
    let (_, _, budget) = campaign_window(tx, campaign_id)?;
    match worst_case_fen(tx, campaign_id)? {
        Some(needed) if needed <= budget => Ok(()),
        Some(needed) => Err(CouponError::OverBudget {
            needed: crate::money::format_cny(from_fen(needed)),
            budget: crate::money::format_cny(from_fen(budget)),
        }),
        None => Err(CouponError::Invalid(vec![Problem::new(
            "cap",
            "coupon.unbounded_cost",
            "a discount coupon without a cap has no worst-case cost; set a cap so the budget can be checked",
            "无上限的折扣券无法计算最高成本；请设置优惠上限以便核对预算",
        )])),
    }
}

/// Writes a coupon row: a new one, or over `existing` in place.
fn write_row(
    tx: &Transaction<'_>,
    existing: Option<i64>,
    campaign_id: i64,
    offer_id: Option<i64>,
    product: Product,
    spec: &CouponSpec,
    n: &Normalized,
) -> Result<i64, CouponError> {
    let (kind, from, to, days, wait) = validity_columns(n);
    let now = now_ts();
    let values = params![
        campaign_id,
        offer_id,
        product.key(),
        product.provider().key(),
        n.name,
        n.bill_name,
        n.description,
        n.kind.key(),
        n.face_fen,
        n.threshold_fen,
        n.pay_percent.map(|d| d.normalize().to_string()),
        n.cap_fen,
        n.price_fen,
        n.original_price_fen,
        n.multiplier.map(|d| d.normalize().to_string()),
        n.max_discount_fen,
        n.quantity,
        n.per_user_limit,
        n.per_user_period.key(),
        n.daily_cap,
        kind,
        from,
        to,
        days,
        wait,
        json(&spec.time_slots),
        n.shares.0.normalize().to_string(),
        n.shares.1.normalize().to_string(),
        n.shares.2.normalize().to_string(),
        spec.stacking.exclusive,
        json(&spec.stacking.stackable_with),
        spec.stacking.priority,
        spec.provider_ref.trim(),
        json(&n.card_bins),
        now,
        spec.wallet_color.trim()
    ];
    let Some(id) = existing else {
        return Ok(tx.insert(
            "INSERT INTO coupon (campaign_id, offer_id, product, provider, name, bill_name, description, kind,
                face_fen, threshold_fen, pay_percent, cap_fen, price_fen, original_price_fen, multiplier,
                max_discount_fen, quantity, per_user_limit, per_user_period, daily_cap, validity_kind,
                valid_from, valid_to, valid_days, wait_days, time_slots, mall_share, tenant_share,
                provider_share, exclusive, stackable_with, priority, provider_ref, card_bins, created_at, updated_at,
                wallet_color)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?35, ?36)",
            values,
        )?);
    };
    // An edit updates the row in place: its id, creation time and the trades it explains stay.
    let mut with_id = values.to_vec();
    with_id.push(&id);
    tx.execute(
        "UPDATE coupon SET campaign_id = ?1, offer_id = ?2, product = ?3, provider = ?4, name = ?5,
            bill_name = ?6, description = ?7, kind = ?8, face_fen = ?9, threshold_fen = ?10,
            pay_percent = ?11, cap_fen = ?12, price_fen = ?13, original_price_fen = ?14, multiplier = ?15,
            max_discount_fen = ?16, quantity = ?17, per_user_limit = ?18, per_user_period = ?19,
            daily_cap = ?20, validity_kind = ?21, valid_from = ?22, valid_to = ?23, valid_days = ?24,
            wait_days = ?25, time_slots = ?26, mall_share = ?27, tenant_share = ?28, provider_share = ?29,
            exclusive = ?30, stackable_with = ?31, priority = ?32, provider_ref = ?33, card_bins = ?34,
            updated_at = ?35, wallet_color = ?36
         WHERE id = ?37",
        with_id.as_slice(),
    )?;
    Ok(id)
}

fn validity_columns(n: &Normalized) -> (&'static str, Option<i64>, Option<i64>, Option<u32>, u32) {
    match n.validity {
        NormValidity::Absolute { from, to } => ("absolute", Some(from), Some(to), None, 0),
        NormValidity::Relative { days, wait_days } => {
            ("relative", None, None, Some(days), wait_days)
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Makes the coupon's stores exactly `stores`, touching only rows that change (each change
/// re-derives the coupon's trades).
fn write_stores(tx: &Transaction<'_>, id: i64, stores: &[i64]) -> crate::sql::Result<()> {
    let mut wanted = stores.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let current: Vec<i64> = tx
        .prepare("SELECT store_id FROM coupon_store WHERE coupon_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for gone in current.iter().filter(|s| wanted.binary_search(s).is_err()) {
        tx.execute(
            "DELETE FROM coupon_store WHERE coupon_id = ?1 AND store_id = ?2",
            [id, *gone],
        )?;
    }
    for new in wanted.iter().filter(|s| !current.contains(s)) {
        tx.execute(
            "INSERT INTO coupon_store (coupon_id, store_id) VALUES (?1, ?2)",
            [id, *new],
        )?;
    }
    Ok(())
}

/// Adds one coupon to a campaign.
pub fn add(
    db: &mut Db,
    campaign_id: i64,
    product: Product,
    spec: &CouponSpec,
) -> Result<Coupon, CouponError> {
    let zone = zone(db)?;
    let id = db.write(|tx| {
        let n = validate(tx, campaign_id, product, spec, zone, None)?;
        let id = write_row(tx, None, campaign_id, None, product, spec, &n)?;
        write_stores(tx, id, &spec.store_ids)?;
        check_budget(tx, campaign_id)?;
        Ok::<_, CouponError>(id)
    })?;
    get(db, id)
}

/// One offer on several wallets: one linked coupon per product, each checked by its own
/// provider. All are created or none.
pub fn add_offer(
    db: &mut Db,
    campaign_id: i64,
    products: &[Product],
    spec: &CouponSpec,
) -> Result<Vec<Coupon>, CouponError> {
    let zone = zone(db)?;
    if products.is_empty() {
        return Err(CouponError::Invalid(vec![Problem::new(
            "products",
            "coupon.no_product",
            "choose at least one wallet or card product for the offer",
            "请至少选择一个支付渠道产品",
        )]));
    }
    let ids = db.write(|tx| {
        let mut problems = Vec::new();
        let mut valid = Vec::new();
        for product in products {
            match validate(tx, campaign_id, *product, spec, zone, None) {
                Ok(n) => valid.push((*product, n)),
                Err(CouponError::Invalid(p)) => {
                    for problem in p {
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                    }
                }
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(CouponError::Invalid(problems));
        }
        let offer = tx.insert(
            "INSERT INTO coupon_offer (campaign_id) VALUES (?1)",
            [campaign_id],
        )?;
        let mut ids = Vec::new();
        for (product, n) in &valid {
            let id = write_row(tx, None, campaign_id, Some(offer), *product, spec, n)?;
            write_stores(tx, id, &spec.store_ids)?;
            ids.push(id);
        }
        check_budget(tx, campaign_id)?;
        Ok(ids)
    })?;
    ids.into_iter().map(|id| get(db, id)).collect()
}

/// Replaces a coupon's spec (its product and campaign stay). The last writer wins: see
/// [`edit_at`].
pub fn edit(db: &mut Db, id: i64, spec: &CouponSpec) -> Result<Coupon, CouponError> {
    edit_at(db, id, spec, None)
}

/// [`edit`] of the coupon as it was at revision `expected` (what its editor loaded): refused
/// with what changed since when someone else saved in between.
pub fn edit_at(
    db: &mut Db,
    id: i64,
    spec: &CouponSpec,
    expected: Option<i64>,
) -> Result<Coupon, CouponError> {
    let zone = zone(db)?;
    let current = get(db, id)?;
    let me = db.actor().to_string();
    db.write(|tx| {
        claim(tx, id, expected, zone, &me)?;
        let n = validate(
            tx,
            current.campaign_id,
            current.product,
            spec,
            zone,
            Some(id),
        )?;
        write_row(
            tx,
            Some(id),
            current.campaign_id,
            current.offer_id,
            current.product,
            spec,
            &n,
        )?;
        write_stores(tx, id, &spec.store_ids)?;
        check_budget(tx, current.campaign_id)?;
        Ok::<_, CouponError>(())
    })?;
    get(db, id)
}

/// Applies one spec to every coupon of a linked offer, each checked by its own provider; all
/// change or none. The last writer wins: see [`edit_offer_at`].
pub fn edit_offer(
    db: &mut Db,
    offer_id: i64,
    spec: &CouponSpec,
) -> Result<Vec<Coupon>, CouponError> {
    edit_offer_at(db, offer_id, spec, None)
}

/// [`edit_offer`] of the coupons as they were at the revisions the editor loaded (one per
/// coupon); a coupon someone else changed since, or one that joined the offer, refuses it.
pub fn edit_offer_at(
    db: &mut Db,
    offer_id: i64,
    spec: &CouponSpec,
    expected: Option<&[crate::db::revision::Revision]>,
) -> Result<Vec<Coupon>, CouponError> {
    let zone = zone(db)?;
    let members: Vec<Coupon> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT id FROM coupon WHERE offer_id = ?1 ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([offer_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter()
            .map(|id| get(db, id))
            .collect::<Result<_, _>>()?
    };
    let Some(first) = members.first() else {
        return Err(CouponError::NotFound(offer_id));
    };
    let campaign_id = first.campaign_id;
    let me = db.actor().to_string();
    db.write(|tx| {
        claim_all(tx, &members, expected, zone, &me)?;
        let mut problems = Vec::new();
        let mut valid = Vec::new();
        for c in &members {
            match validate(tx, campaign_id, c.product, spec, zone, Some(c.id)) {
                Ok(n) => valid.push((c, n)),
                Err(CouponError::Invalid(p)) => p.into_iter().for_each(|x| {
                    if !problems.contains(&x) {
                        problems.push(x)
                    }
                }),
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(CouponError::Invalid(problems));
        }
        for (c, n) in &valid {
            write_row(
                tx,
                Some(c.id),
                campaign_id,
                Some(offer_id),
                c.product,
                spec,
                n,
            )?;
            write_stores(tx, c.id, &spec.store_ids)?;
        }
        check_budget(tx, campaign_id)
    })?;
    members.iter().map(|c| get(db, c.id)).collect()
}

/// Deletes a coupon.
pub fn remove(db: &mut Db, id: i64) -> Result<(), CouponError> {
    db.write(|tx| {
        if tx.execute("DELETE FROM coupon WHERE id = ?1", [id])? == 0 {
            return Err(CouponError::NotFound(id));
        }
        Ok(())
    })
}

/// Re-checks a stored coupon against today's rules (`coupon validate`).
pub fn validate_existing(db: &Db, id: i64) -> Result<Validation, CouponError> {
    let c = get(db, id)?;
    let zone = zone(db)?;
    Ok(
        match validate(db.conn(), c.campaign_id, c.product, &c.spec, zone, Some(id)) {
            Ok(_) => Validation {
                ok: true,
                problems: vec![],
            },
            Err(CouponError::Invalid(problems)) => Validation {
                ok: false,
                problems,
            },
            Err(other) => return Err(other),
        },
    )
}

const COLUMNS: &str = "id, campaign_id, offer_id, product, name, bill_name, description, kind, face_fen,
    threshold_fen, pay_percent, cap_fen, price_fen, original_price_fen, multiplier, max_discount_fen,
    quantity, per_user_limit, per_user_period, daily_cap, validity_kind, valid_from, valid_to,
    valid_days, wait_days, time_slots, mall_share, tenant_share, provider_share, exclusive,
    stackable_with, priority, provider_ref, card_bins, wallet_color, revision, changed_by";

fn money(v: Option<i64>) -> String {
    v.map(|f| from_fen(f).to_string()).unwrap_or_default()
}

/// A JSON list column; text that is not one is an error, not an empty list.
fn json_column<T: serde::de::DeserializeOwned>(
    r: &Row<'_>,
    i: usize,
    what: &str,
) -> crate::sql::Result<T> {
    let text = r.get_ref(i)?.as_str()?;
    serde_json::from_str(text).map_err(|_| crate::db::unknown_value(i, what, text))
}

fn from_row(r: &Row<'_>, zone: Tz) -> crate::sql::Result<Coupon> {
    use crate::db::known;
    let product = known(3, "coupon product", r.get_ref(3)?.as_str()?, Product::parse)?;
    let kind = known(7, "coupon kind", r.get_ref(7)?.as_str()?, CouponKind::parse)?;
    let validity_kind = r.get_ref(20)?.as_str()?;
    let validity = if known(20, "validity", validity_kind, |v| {
        ["absolute", "relative"]
            .contains(&v)
            .then_some(v == "absolute")
    })? {
        Validity::Absolute {
            start: rfc3339(r.get::<_, Option<i64>>(21)?.unwrap_or(0), zone),
            end: rfc3339(r.get::<_, Option<i64>>(22)?.unwrap_or(0), zone),
        }
    } else {
        Validity::Relative {
            days: r.get::<_, Option<u32>>(23)?.unwrap_or(1),
            wait_days: r.get(24)?,
        }
    };
    let time_slots: Vec<TimeSlot> = json_column(r, 25, "time slots")?;
    let stackable_with: Vec<i64> = json_column(r, 30, "stacking list")?;
    let card_bins: Vec<String> = json_column(r, 33, "card BINs")?;
    let max: Option<i64> = r.get(15)?;
    Ok(Coupon {
        id: r.get(0)?,
        revision: r.get(35)?,
        changed_by: r.get(36)?,
        campaign_id: r.get(1)?,
        offer_id: r.get(2)?,
        provider: product.provider(),
        product,
        max_discount: money(max),
        spec: CouponSpec {
            name: r.get(4)?,
            bill_name: r.get(5)?,
            description: r.get(6)?,
            kind,
            face_value: money(r.get(8)?),
            threshold: money(Some(r.get(9)?)),
            pay_percent: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            cap: money(r.get(11)?),
            price: money(r.get(12)?),
            original_price: money(r.get(13)?),
            multiplier: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            quantity: r.get(16)?,
            per_user_limit: r.get(17)?,
            per_user_period: known(
                18,
                "per-user period",
                r.get_ref(18)?.as_str()?,
                LimitPeriod::parse,
            )?,
            daily_cap: r.get(19)?,
            validity,
            time_slots,
            store_ids: vec![],
            funding: Funding {
                mall: r.get(26)?,
                tenant: r.get(27)?,
                provider: r.get(28)?,
            },
            stacking: Stacking {
                exclusive: r.get(29)?,
                stackable_with,
                priority: r.get(31)?,
            },
            provider_ref: r.get(32)?,
            card_bins,
            wallet_color: r.get(34)?,
        },
    })
}

fn with_stores(conn: &crate::sql::Connection, mut c: Coupon) -> crate::sql::Result<Coupon> {
    let mut stmt = conn.prepare_cached(
        "SELECT store_id FROM coupon_store WHERE coupon_id = ?1 ORDER BY store_id",
    )?;
    c.spec.store_ids = stmt
        .query_map([c.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(c)
}

/// What a coupon's editor shows (its spec with its stores, times in UTC) as JSON text, or
/// `None` when there is no such coupon: the state `db/revision.rs` keeps per revision.
pub(crate) fn state_json(
    conn: &crate::sql::Connection,
    id: i64,
) -> crate::sql::Result<Option<String>> {
    let c = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM coupon WHERE id = ?1"),
            [id],
            |r| from_row(r, chrono_tz::UTC),
        )
        .optional()?;
    let Some(c) = c else { return Ok(None) };
    let c = with_stores(conn, c)?;
    Ok(Some(serde_json::to_string(&c.spec).unwrap_or_default()))
}

/// Starts a save of coupon `id` made on revision `expected` by `me`: refused with what changed
/// since, in the user's words, when someone else saved it in between.
fn claim(
    tx: &Transaction<'_>,
    id: i64,
    expected: Option<i64>,
    zone: Tz,
    me: &str,
) -> Result<(), CouponError> {
    match revision::claim(tx, revision::Kind::Coupon, id, expected, me)? {
        Claim::Current => Ok(()),
        Claim::Missing => Err(CouponError::NotFound(id)),
        Claim::Stale(stale) => {
            let name: String =
                tx.query_row("SELECT name FROM coupon WHERE id = ?1", [id], |r| r.get(0))?;
            Err(CouponError::ChangedElsewhere {
                name,
                revisions: vec![crate::db::revision::Revision {
                    id,
                    revision: stale.revision,
                }],
                by: stale.changed_by,
                yours: stale.yours,
                changes: super::elsewhere::changes(tx, stale.then.as_deref(), &stale.now, zone)?,
            })
        }
    }
}

/// Claims every coupon of an offer at the revisions its editor loaded; the refusal names every
/// change once (the coupons of an offer share their spec) and the current revision of each.
fn claim_all(
    tx: &Transaction<'_>,
    members: &[Coupon],
    expected: Option<&[crate::db::revision::Revision]>,
    zone: Tz,
    me: &str,
) -> Result<(), CouponError> {
    let Some(expected) = expected else {
        return Ok(());
    };
    let mut refused: Option<CouponError> = None;
    let mut current = Vec::new();
    for c in members {
        // A coupon the editor did not load joined the offer since: revision 0 never matches.
        let loaded = expected
            .iter()
            .find(|r| r.id == c.id)
            .map_or(0, |r| r.revision);
        match claim(tx, c.id, Some(loaded), zone, me) {
            Ok(()) => current.push(crate::db::revision::Revision {
                id: c.id,
                revision: loaded,
            }),
            Err(CouponError::ChangedElsewhere {
                revisions, changes, ..
            }) if refused.is_some() => {
                current.extend(revisions);
                if let Some(CouponError::ChangedElsewhere { changes: all, .. }) = &mut refused {
                    for change in changes {
                        if !all.iter().any(|c| c.message == change.message) {
                            all.push(change);
                        }
                    }
                }
            }
            Err(CouponError::ChangedElsewhere {
                name,
                revisions,
                by,
                yours,
                changes,
            }) => {
                current.extend(revisions);
                refused = Some(CouponError::ChangedElsewhere {
                    name,
                    revisions: vec![],
                    by,
                    yours,
                    changes,
                });
            }
            Err(other) => return Err(other),
        }
    }
    match refused {
        None => Ok(()),
        Some(mut e) => {
            if let CouponError::ChangedElsewhere { revisions, .. } = &mut e {
                *revisions = current;
            }
            Err(e)
        }
    }
}

/// One coupon.
pub fn get(db: &Db, id: i64) -> Result<Coupon, CouponError> {
    let zone = zone(db)?;
    let c = db
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM coupon WHERE id = ?1"),
            [id],
            |r| from_row(r, zone),
        )
        .optional()?
        .ok_or(CouponError::NotFound(id))?;
    Ok(with_stores(db.conn(), c)?)
}

/// The coupons of a campaign (or of all campaigns), by campaign, offer and product.
pub fn list(db: &Db, campaign_id: Option<i64>) -> Result<Vec<Coupon>, CouponError> {
    let zone = zone(db)?;
    if let Some(id) = campaign_id {
        campaign_window(db.conn(), id)?;
    }
    let mut stmt = db.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM coupon WHERE (campaign_id = ?1 OR ?1 IS NULL)
         ORDER BY campaign_id,
                  COALESCE((SELECT MIN(o.id) FROM coupon o WHERE o.offer_id = coupon.offer_id), id), id"
    ))?;
    let coupons: Vec<Coupon> = stmt
        .query_map([campaign_id], |r| from_row(r, zone))?
        .collect::<Result<_, _>>()?;
    coupons
        .into_iter()
        .map(|c| with_stores(db.conn(), c).map_err(CouponError::from))
        .collect()
}

/// What saving an offer would give, without saving it: every problem of every product, and the
/// campaign's worst-case cost afterwards against its budget. The UI calls this as people type.
pub fn preview_offer(
    db: &Db,
    campaign_id: i64,
    products: &[Product],
    spec: &CouponSpec,
    replacing: Option<i64>,
) -> Result<super::types::OfferCheck, CouponError> {
    let zone = zone(db)?;
    let (_, _, budget) = campaign_window(db.conn(), campaign_id)?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut added = Some(0_i64);
    for product in products {
        match validate(db.conn(), campaign_id, *product, spec, zone, replacing) {
            Ok(n) => {
                added = match (added, n.max_discount_fen) {
                    (Some(a), Some(m)) => Some(a + i64::from(n.quantity) * m),
                    _ => None,
                };
            }
            Err(CouponError::Invalid(p)) => {
                for problem in p {
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    let existing: Option<i64> = db.conn().query_row(
        "SELECT CASE WHEN SUM(CASE WHEN max_discount_fen IS NULL THEN 1 ELSE 0 END) > 0 THEN NULL
                ELSE COALESCE(SUM(quantity * max_discount_fen), 0) END
         FROM coupon WHERE campaign_id = ?1 AND id IS DISTINCT FROM ?2",
        params![campaign_id, replacing],
        |r| r.get(0),
    )?;
    let worst = match (existing, added) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };
    let within_budget = worst.is_some_and(|w| w <= budget);
    Ok(super::types::OfferCheck {
        ok: problems.is_empty() && within_budget,
        problems,
        worst_case: worst.map(|w| from_fen(w).to_string()),
        budget: from_fen(budget).to_string(),
        within_budget,
    })
}
