//! `promodesk coupon …`: flags to a `CouponSpec`, then one core call.

use clap::{Args, Subcommand};
use promodesk_core::api::{Api, CampaignRef, CouponEdit, CouponList, Id, OfferAdd};
use promodesk_core::coupon::{
    self, CouponKind, CouponSpec, Funding, LimitPeriod, Product, Stacking, Validity,
};
use promodesk_core::{Error, Problem};

use crate::args::Json;
use crate::output::{self, Out};

#[derive(Debug, Subcommand)]
pub enum CouponCommand {
    /// Add a coupon; several --product values make one linked offer (e.g. WeChat + Alipay).
    Add {
        #[arg(long)]
        campaign: i64,
        /// wechat_cash, wechat_merchant, alipay_voucher, alipay_order_voucher, unionpay,
        /// bank_card or member_card; repeat or separate with commas for a linked offer.
        #[arg(long = "product", value_delimiter = ',', required = true)]
        products: Vec<String>,
        #[command(flatten)]
        fields: CouponFields,
        #[command(flatten)]
        json: Json,
    },
    /// List coupons (of one campaign with --campaign).
    List {
        #[arg(long)]
        campaign: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
    /// Show one coupon.
    Show {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Change a coupon; only the given flags change.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: CouponFields,
        /// Refuse the change when someone changed it since this revision (as `show --json`
        /// prints it); without it the last change wins.
        #[arg(long = "revision", value_name = "REVISION")]
        expected_revision: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
    /// Delete a coupon.
    Remove { id: i64 },
    /// Check a coupon against its provider's rules.
    Validate {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Print the JSON the provider's creation API takes for this coupon.
    ExportSpec { id: i64 },
}

impl CouponCommand {
    pub fn label(&self) -> &'static str {
        match self {
            CouponCommand::Add { .. } => "coupon add",
            CouponCommand::List { .. } => "coupon list",
            CouponCommand::Show { .. } => "coupon show",
            CouponCommand::Edit { .. } => "coupon edit",
            CouponCommand::Remove { .. } => "coupon remove",
            CouponCommand::Validate { .. } => "coupon validate",
            CouponCommand::ExportSpec { .. } => "coupon export-spec",
        }
    }
}

/// Every coupon field as a flag; money in yuan.
#[derive(Debug, Args, Default)]
pub struct CouponFields {
    #[arg(long)]
    name: Option<String>,
    /// The name the coupon has in bills (Alipay 券名称); default: --name.
    #[arg(long)]
    bill_name: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// fixed (满减), discount (折), exchange, gift or points.
    #[arg(long)]
    kind: Option<String>,
    /// Amount off (fixed) or the gift's value, in yuan.
    #[arg(long = "face")]
    face_value: Option<String>,
    /// Minimum spend in yuan (0 = none).
    #[arg(long)]
    threshold: Option<String>,
    /// Discount: percent the customer pays, 88 = 8.8折.
    #[arg(long)]
    pay_percent: Option<String>,
    /// Discount: the most it takes off, in yuan.
    #[arg(long)]
    cap: Option<String>,
    /// Exchange: special price.
    #[arg(long)]
    price: Option<String>,
    /// Exchange: normal price.
    #[arg(long)]
    original_price: Option<String>,
    /// Points: 2 = double points.
    #[arg(long)]
    multiplier: Option<String>,
    #[arg(long)]
    quantity: Option<u32>,
    /// Per-user limit (0 = none).
    #[arg(long)]
    per_user: Option<u32>,
    /// day, week, month or campaign.
    #[arg(long)]
    per_user_period: Option<String>,
    #[arg(long)]
    daily_cap: Option<u32>,
    /// First day or time it can be used; default: the campaign's start.
    #[arg(long)]
    valid_from: Option<String>,
    /// Last day or time; default: the campaign's end.
    #[arg(long)]
    valid_to: Option<String>,
    /// Valid for N days after receipt instead of fixed dates.
    #[arg(long, conflicts_with_all = ["valid_from", "valid_to"])]
    valid_days: Option<u32>,
    #[arg(long, requires = "valid_days")]
    wait_days: Option<u32>,
    /// Usable only in these stores (repeatable); default: the campaign's stores.
    #[arg(long = "store", value_name = "STORE_ID")]
    stores: Vec<i64>,
    /// Funding shares in percent: mall=70,tenant=30,provider=0.
    #[arg(long)]
    funding: Option<String>,
    /// Used alone, never stacked.
    #[arg(long)]
    exclusive: bool,
    /// Coupon ids it may be combined with (repeatable).
    #[arg(long = "stack-with", value_name = "COUPON_ID")]
    stack_with: Vec<i64>,
    #[arg(long)]
    priority: Option<i32>,
    /// WeChat stock_id or Alipay template / activity id.
    #[arg(long)]
    provider_ref: Option<String>,
    /// Card BIN prefix (repeatable), e.g. 62.
    #[arg(long = "bin")]
    bins: Vec<String>,
}

fn problem(field: &str, en: String, zh: String) -> Error {
    Error::Coupon(coupon::CouponError::Invalid(vec![Problem::new(
        field, "cli.flag", en, zh,
    )]))
}

fn parse_funding(text: &str, base: &Funding) -> Result<Funding, Error> {
    let mut f = base.clone();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let (who, pct) = part.split_once('=').unwrap_or((part, ""));
        match who.trim() {
            "mall" => f.mall = pct.trim().into(),
            "tenant" => f.tenant = pct.trim().into(),
            "provider" => f.provider = pct.trim().into(),
            other => {
                return Err(problem(
                    "funding",
                    format!("funding '{other}' is not mall, tenant or provider; write e.g. mall=70,tenant=30"),
                    format!("出资方“{other}”无效；请写成 mall=70,tenant=30 的形式"),
                ))
            }
        }
    }
    Ok(f)
}

impl CouponFields {
    /// Applies the given flags onto `base` (a new coupon's defaults or the stored one).
    fn apply(&self, mut s: CouponSpec) -> Result<CouponSpec, Error> {
        let set = |target: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *target = v.clone();
            }
        };
        set(&mut s.name, &self.name);
        set(&mut s.bill_name, &self.bill_name);
        set(&mut s.description, &self.description);
        set(&mut s.face_value, &self.face_value);
        set(&mut s.threshold, &self.threshold);
        set(&mut s.pay_percent, &self.pay_percent);
        set(&mut s.cap, &self.cap);
        set(&mut s.price, &self.price);
        set(&mut s.original_price, &self.original_price);
        set(&mut s.multiplier, &self.multiplier);
        set(&mut s.provider_ref, &self.provider_ref);
        if let Some(k) = &self.kind {
            s.kind = CouponKind::parse(k).ok_or_else(|| {
                problem(
                    "kind",
                    format!("kind '{k}' is unknown; use fixed, discount, exchange, gift or points"),
                    format!("类型“{k}”无效；可用 fixed、discount、exchange、gift、points"),
                )
            })?;
        }
        if let Some(p) = &self.per_user_period {
            s.per_user_period = LimitPeriod::parse(p).ok_or_else(|| {
                problem(
                    "per_user_period",
                    format!("period '{p}' is unknown; use day, week, month or campaign"),
                    format!("周期“{p}”无效；可用 day、week、month、campaign"),
                )
            })?;
        }
        s.quantity = self.quantity.unwrap_or(s.quantity);
        s.per_user_limit = self.per_user.unwrap_or(s.per_user_limit);
        s.daily_cap = self.daily_cap.unwrap_or(s.daily_cap);
        if let Some(days) = self.valid_days {
            s.validity = Validity::Relative {
                days,
                wait_days: self.wait_days.unwrap_or(0),
            };
        } else if self.valid_from.is_some() || self.valid_to.is_some() {
            let (start, end) = match &s.validity {
                Validity::Absolute { start, end } => (start.clone(), end.clone()),
                Validity::Relative { .. } => (String::new(), String::new()),
            };
            s.validity = Validity::Absolute {
                start: self.valid_from.clone().unwrap_or(start),
                end: self.valid_to.clone().unwrap_or(end),
            };
        }
        if !self.stores.is_empty() {
            s.store_ids = self.stores.clone();
        }
        if let Some(f) = &self.funding {
            s.funding = parse_funding(f, &s.funding)?;
        }
        if self.exclusive || !self.stack_with.is_empty() || self.priority.is_some() {
            s.stacking = Stacking {
                exclusive: self.exclusive,
                stackable_with: self.stack_with.clone(),
                priority: self.priority.unwrap_or(s.stacking.priority),
            };
        }
        if !self.bins.is_empty() {
            s.card_bins = self.bins.clone();
        }
        Ok(s)
    }
}

fn product(text: &str) -> Result<Product, Error> {
    Product::parse(text).ok_or_else(|| {
        problem(
            "product",
            format!("product '{text}' is unknown; use wechat_cash, wechat_merchant, alipay_voucher, alipay_order_voucher, unionpay, bank_card or member_card"),
            format!("渠道产品“{text}”无效"),
        )
    })
}

fn print(c: &coupon::Coupon, json: bool) {
    Out::new(json).one(c, output::coupon_line);
}

pub fn run(api: &mut Api, c: &CouponCommand) -> Result<(), Error> {
    match c {
        CouponCommand::Add {
            campaign,
            products,
            fields,
            json,
        } => {
            let blank = api.coupon_blank(CampaignRef {
                campaign: *campaign,
            })?;
            let params = OfferAdd {
                campaign: *campaign,
                products: products
                    .iter()
                    .map(|p| product(p))
                    .collect::<Result<_, _>>()?,
                spec: fields.apply(blank)?,
            };
            let created = api.coupon_add_offer(params)?;
            Out::new(json.json).each(&created, None, output::coupon_line);
        }
        CouponCommand::List { campaign, json } => {
            let all = api.coupon_list(CouponList {
                campaign: *campaign,
            })?;
            Out::new(json.json).each(&all, None, output::coupon_line);
        }
        CouponCommand::Show { id, json } => print(&api.coupon_get(Id { id: *id })?, json.json),
        CouponCommand::Edit {
            id,
            fields,
            expected_revision,
            json,
        } => {
            let current = api.coupon_get(Id { id: *id })?;
            let spec = fields.apply(current.spec)?;
            print(
                &api.coupon_edit(CouponEdit {
                    id: *id,
                    spec,
                    expected_revision: *expected_revision,
                })?,
                json.json,
            );
        }
        CouponCommand::Remove { id } => {
            api.coupon_remove(Id { id: *id })?;
            output::line(&format!("coupon {id} removed"));
        }
        CouponCommand::Validate { id, json } => {
            let v = api.coupon_validate(Id { id: *id })?;
            let out = Out::new(json.json);
            out.one(&ValidationOut::from(&v), |v| {
                if v.ok {
                    return "ok".to_string();
                }
                let lines: Vec<String> = v
                    .problems
                    .iter()
                    .map(|p| format!("{}: {}", p.field, p.message))
                    .collect();
                lines.join("\n")
            });
        }
        CouponCommand::ExportSpec { id } => output::line(&api.coupon_export_spec(Id { id: *id })?),
    }
    Ok(())
}

/// `coupon validate --json`: `{"ok", "problems": [{"field", "rule", "message"}]}` with the
/// message in the CLI's language.
#[derive(serde::Serialize)]
struct ValidationOut {
    ok: bool,
    problems: Vec<ProblemOut>,
}

#[derive(serde::Serialize)]
struct ProblemOut {
    field: String,
    rule: String,
    message: String,
}

impl From<&coupon::Validation> for ValidationOut {
    fn from(v: &coupon::Validation) -> Self {
        let lang = output::lang_from_env();
        ValidationOut {
            ok: v.ok,
            problems: v
                .problems
                .iter()
                .map(|p| ProblemOut {
                    field: p.field.clone(),
                    rule: p.rule.clone(),
                    message: p.message.get(lang).to_string(),
                })
                .collect(),
        }
    }
}
